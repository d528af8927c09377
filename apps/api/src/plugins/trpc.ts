import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';

import { createContextFactory, type ContextDeps } from '../trpc/context.js';
import { headersForErrors } from '../trpc/errors.js';
import { appRouter, type AppRouter } from '../trpc/router.js';

export const trpcPrefix = '/trpc';

/** The tRPC endpoint used by the typed client (batching included). */
export const trpcRoutes = async (app: FastifyInstance, deps: ContextDeps) => {
  await app.register(fastifyTRPCPlugin, {
    prefix: trpcPrefix,
    trpcOptions: {
      router: appRouter,
      createContext: createContextFactory(deps),
      responseMeta: ({ errors }) => ({ headers: headersForErrors(errors) }),
      onError({ error, path }) {
        if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'tRPC procedure failed');
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });
};
