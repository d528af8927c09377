import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { generateOpenApiDocument } from 'trpc-to-openapi';

import type { ProcedureHttp } from '../procedure-http/procedure-http.js';
import { describeRestAliases } from '../procedure-http/rest-aliases-openapi.js';
import { registerRestRoutes, type RestAlias } from '../procedure-http/rest-face.js';
import { describeArchiveRoutes } from './org-archive-openapi.js';

export type RestOptions = { http: ProcedureHttp; version: string };

/** Clients of the original service use POST for both (issue 13). */
export const restAliases: readonly RestAlias[] = [
  { method: 'POST', path: '/org/update', aliasOf: 'PUT' },
  { method: 'POST', path: '/org/delete', aliasOf: 'DELETE' },
];

/**
 * The REST face of the same router (the original contract's routes), its OpenAPI
 * document at /openapi.json and Swagger UI at /docs.
 */
export const restRoutes = async (app: FastifyInstance, options: RestOptions) => {
  const generated = generateOpenApiDocument(options.http.router, {
    title: 'OrgSphere',
    description:
      'Multi-tenant organization service. Protected routes take `Authorization: Bearer <access_token>` from /admin/login.',
    version: options.version,
    baseUrl: '/',
  });
  const withAliases = describeRestAliases(generated, restAliases);
  const protectedSecurity = (withAliases.paths?.['/org/delete'] as { delete?: { security?: unknown } } | undefined)
    ?.delete?.security;
  const document = describeArchiveRoutes(withAliases, protectedSecurity);

  app.get('/openapi.json', async () => document);
  await app.register(swagger, { mode: 'static', specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerRestRoutes(app, options.http, restAliases);
};
