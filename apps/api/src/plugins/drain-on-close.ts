import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * While the server shuts down, answers that are still being sent ask the client to
 * close its keep-alive connection; otherwise close() would wait for clients to
 * hang up on their own (Fastify keeps idle connections for 72 s). Callback hooks:
 * they run on every request, and an async hook costs a promise each time.
 */
export const drainOnClose = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', (_request, reply, payload, done) => {
      if (closing) reply.header('connection', 'close');
      done(null, payload);
    });
    app.addHook('onResponse', (_request, _reply, done) => {
      if (closing) app.server.closeIdleConnections();
      done();
    });
  },
  { name: 'drain-on-close' },
);
