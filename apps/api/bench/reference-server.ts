/**
 * The ceiling `pnpm bench` compares against: a bare Fastify 5 route in a process of its
 * own (no hooks, no plugins, no logger), serving the same bytes as the app's
 * /__bench/reference. Listens on 127.0.0.1:$PORT.
 */
import Fastify from 'fastify';

import { referenceOrganization } from '../src/plugins/bench-reference.js';

const app = Fastify();
app.get('/__bench/reference', async () => referenceOrganization);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
