import type { FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { CreateOpenApiFastifyPluginOptions } from 'trpc-to-openapi';

import type { AppRouter } from '../trpc/router.js';
import type { ProcedureHttp } from './procedure-http.js';

/**
 * The stock adapters configured from the same options: tRPC's fastify handler answers
 * what the tRPC face leaves to it, and the hosting tests use both as oracles.
 */
export const stockTrpcOptions = (http: ProcedureHttp) =>
  ({
    router: http.router,
    createContext: ({ req }) => http.createContext(req),
    responseMeta: http.responseMeta('trpc'),
    onError: http.onError,
  }) satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'];

/** trpc-to-openapi's plugin as the REST face would be without its own routes (tests only). */
export const stockRestOptions = (http: ProcedureHttp) =>
  ({
    router: http.router,
    createContext: ({ req }: { req: Parameters<ProcedureHttp['createContext']>[0] }) => http.createContext(req),
    responseMeta: http.responseMeta('rest'),
    onError: http.onError,
  }) satisfies CreateOpenApiFastifyPluginOptions<AppRouter>;
