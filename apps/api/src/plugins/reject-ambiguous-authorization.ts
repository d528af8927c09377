import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Node keeps the first of several Authorization headers and silently drops the rest;
 * a proxy in front may keep another. Two credentials in one request are refused.
 */
export const rejectAmbiguousAuthorization = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      const raw = request.raw.rawHeaders;
      let count = 0;
      for (let i = 0; i < raw.length; i += 2) if (raw[i]?.toLowerCase() === 'authorization') count += 1;
      if (count > 1) {
        return reply.code(400).send({ code: 'BAD_REQUEST', message: 'Send exactly one Authorization header' });
      }
    });
  },
  { name: 'reject-ambiguous-authorization' },
);
