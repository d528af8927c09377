import cors from '@fastify/cors';
import type { Domain } from '@orgsphere/core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';

import { healthRoutes } from './plugins/health.js';
import { restRoutes } from './plugins/rest.js';
import { trpcRoutes } from './plugins/trpc.js';

export type AppOptions = {
  domain: Domain;
  isReady: () => Promise<boolean>;
  /** Allowed browser origins; empty means no cross-origin access, "*" any. */
  corsOrigins: string[];
  logger?: FastifyServerOptions['logger'];
  version?: string;
};

const bodyLimitBytes = 64 * 1024;

/** Builds the HTTP app without listening, so tests can inject or listen on port 0. */
export const buildApp = async (options: AppOptions): Promise<FastifyInstance> => {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: bodyLimitBytes,
    // tRPC batching puts comma-joined procedure names in one path parameter.
    routerOptions: { maxParamLength: 5_000 },
    requestIdHeader: 'x-request-id',
  });

  await app.register(cors, {
    origin: options.corsOrigins.includes('*') ? true : options.corsOrigins,
    credentials: false,
  });
  await app.register(healthRoutes, { isReady: options.isReady });
  await app.register(trpcRoutes, { domain: options.domain });
  await app.register(restRoutes, { domain: options.domain, version: options.version ?? '0.1.0' });
  return app;
};
