import type { FastifyInstance } from 'fastify';

import type { ProcedureHttp } from '../procedure-http/procedure-http.js';
import { createTrpcHandler } from '../procedure-http/trpc-face.js';

export const trpcPrefix = '/trpc';

/** The tRPC endpoint used by the typed client (batching included), where `fastifyTRPCPlugin` would mount it. */
export const trpcRoutes = async (app: FastifyInstance, { http }: { http: ProcedureHttp }) => {
  await app.register(
    async (scope) => {
      // As fastifyTRPCPlugin does: tRPC reads bodies itself, so they stay strings here.
      scope.removeContentTypeParser(['application/json', 'multipart/form-data']);
      scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
      scope.addContentTypeParser('multipart/form-data', (_request, body, done) => done(null, body));
      scope.all('/:path', createTrpcHandler(http));
    },
    { prefix: trpcPrefix },
  );
};
