import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Node keeps the first of several Authorization headers and silently drops the rest;
 * a proxy in front may keep another. Two credentials in one request are refused.
 */
export const rejectAmbiguousAuthorization = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', (request, reply, done) => {
      // Without any Authorization header there is nothing to count (most requests).
      if (request.headers.authorization === undefined) {
        done();
        return;
      }
      const raw = request.raw.rawHeaders;
      let count = 0;
      for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'authorization') count += 1;
      if (count > 1) {
        // A callback hook answers by sending and not calling done.
        void reply.code(400).send({ code: 'BAD_REQUEST', message: 'Send exactly one Authorization header' });
        return;
      }
      done();
    });
  },
  { name: 'reject-ambiguous-authorization' },
);
