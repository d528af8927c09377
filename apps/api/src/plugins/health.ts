import type { FastifyInstance } from 'fastify';

export type HealthOptions = { isReady: () => Promise<boolean> };

/** Probes are never rate-limited: an orchestrator polls them, and a 429 would read as "down". */
const probe = { logLevel: 'warn', config: { rateLimit: false } } as const;

/** Liveness says the process serves HTTP; readiness says it can reach the database. */
export const healthRoutes = async (app: FastifyInstance, options: HealthOptions) => {
  app.get('/health', probe, async () => ({ status: 'ok' }));

  app.get('/ready', probe, async (_request, reply) => {
    const ready = await options.isReady();
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', database: ready ? 'up' : 'down' });
  });
};
