import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import {
  fastifyTRPCOpenApiPlugin,
  generateOpenApiDocument,
  type CreateOpenApiFastifyPluginOptions,
} from 'trpc-to-openapi';

import { createContextFactory, type ContextDeps } from '../trpc/context.js';
import { headersForErrors } from '../trpc/errors.js';
import { appRouter, type AppRouter } from '../trpc/router.js';
import { registerRestFastRoutes } from './rest-fast-path.js';

export type RestOptions = ContextDeps & { version: string };

/** Procedures whose REST route answers 201 Created instead of 200. */
const createdByPath = new Set(['org.create']);

/**
 * The REST face of the same router (the original contract's routes), its OpenAPI
 * document at /openapi.json and Swagger UI at /docs.
 */
export const restRoutes = async (app: FastifyInstance, options: RestOptions) => {
  const document = generateOpenApiDocument(appRouter, {
    title: 'OrgSphere',
    description: 'Multi-tenant organization service. Protected routes take `Authorization: Bearer <access_token>` from /admin/login.',
    version: options.version,
    baseUrl: '/',
  });

  app.get('/openapi.json', async () => document);

  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const createContext = createContextFactory(options);
  const responseMeta = ({ paths, errors }: { paths?: readonly string[] | undefined; errors: readonly { cause?: unknown }[] }) =>
    errors.length === 0 && paths?.some((path) => createdByPath.has(path)) ? { status: 201 } : { headers: headersForErrors(errors) };
  const onError = ({ error, path }: { error: { code: string }; path?: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'REST procedure failed');
  };

  // The contract's routes themselves; the plugin's catch-all answers everything else.
  registerRestFastRoutes(app, { router: appRouter, createContext: (req) => createContext({ req }), responseMeta, onError });
  await app.register(fastifyTRPCOpenApiPlugin, {
    router: appRouter,
    createContext,
    responseMeta,
    onError,
  } satisfies CreateOpenApiFastifyPluginOptions<AppRouter>);
};
