import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * While the server shuts down, answers that are still being sent ask the client to
 * close its keep-alive connection; otherwise close() would wait for clients to
 * hang up on their own (Fastify keeps idle connections for 72 s).
 */
export const drainOnClose = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close');
    });
    app.addHook('onResponse', async () => {
      if (closing) app.server.closeIdleConnections();
    });
  },
  { name: 'drain-on-close' },
);
