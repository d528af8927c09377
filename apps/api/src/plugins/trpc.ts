import { fastifyRequestHandler, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';

import { createContextFactory, type ContextDeps } from '../trpc/context.js';
import { headersForErrors } from '../trpc/errors.js';
import { appRouter, type AppRouter } from '../trpc/router.js';
import { tryFastPath } from './trpc-fast-path.js';

export const trpcPrefix = '/trpc';

type TrpcRequest = FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>;

/**
 * The tRPC endpoint used by the typed client (batching included). Plain JSON calls
 * take the fast path; everything else goes through tRPC's own fastify handler,
 * as `fastifyTRPCPlugin` would route it.
 */
export const trpcRoutes = async (app: FastifyInstance, deps: ContextDeps) => {
  const createContext = createContextFactory(deps);
  const logError = ({ error, path }: { error: { code: string }; path: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'tRPC procedure failed');
  };
  const trpcOptions = {
    router: appRouter,
    createContext,
    responseMeta: ({ errors }) => ({ headers: headersForErrors(errors) }),
    onError: logError,
  } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

  const fastPath = {
    router: appRouter,
    createContext: (req: FastifyRequest) => createContext({ req }),
    responseMeta: ({ errors }: { errors: { cause?: unknown }[] }) => ({ headers: headersForErrors(errors) }),
    onError: logError,
  };

  await app.register(
    async (scope) => {
      // As fastifyTRPCPlugin does: tRPC reads bodies itself, so they stay strings here.
      scope.removeContentTypeParser(['application/json', 'multipart/form-data']);
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.addContentTypeParser('multipart/form-data', (_request, body, done) => done(null, body));
      scope.all('/:path', async (request: TrpcRequest, reply) => {
        if (await tryFastPath(fastPath, request, reply)) return reply;
        await fastifyRequestHandler({ ...trpcOptions, req: request, res: reply, path: request.params.path });
        return reply;
      });
    },
    { prefix: trpcPrefix },
  );
};
