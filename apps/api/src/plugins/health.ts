import type { FastifyInstance } from 'fastify';

export type HealthOptions = { isReady: () => Promise<boolean> };

/** Liveness says the process serves HTTP; readiness says it can reach the database. */
export const healthRoutes = async (app: FastifyInstance, options: HealthOptions) => {
  app.get('/health', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/ready', { logLevel: 'warn' }, async (_request, reply) => {
    const ready = await options.isReady();
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', database: ready ? 'up' : 'down' });
  });
};
