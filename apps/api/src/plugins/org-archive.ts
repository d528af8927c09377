import { Readable, pipeline } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

import { AppError, isAppError, type Domain } from '@orgsphere/core';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { readBearerToken } from '../trpc/context.js';
import { toTRPCError } from '../trpc/errors.js';

export type OrgArchiveOptions = { domain: Domain };

const archiveType = 'application/gzip';

/** Splits a byte stream into lines; `for await` over the stream keeps its backpressure. */
async function* linesOf(stream: AsyncIterable<Buffer>): AsyncIterable<string> {
  let rest = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  rest += decoder.decode();
  if (rest) yield rest;
}

const organizationNameOf = (request: FastifyRequest): string => {
  const name = (request.query as Record<string, unknown>).organization_name;
  if (typeof name !== 'string' || name.length > 256) {
    throw new AppError('VALIDATION_FAILED', 'organization_name is required in the query string', {
      field: 'organization_name',
    });
  }
  return name;
};

/** The same JSON error body as the REST face: message, tRPC code and the domain code. */
const answerError = (reply: FastifyReply, error: unknown) => {
  const translated = toTRPCError(error);
  if (!translated || !isAppError(error)) throw error;
  return reply.code(getHTTPStatusCodeFromError(translated)).send({
    message: error.message,
    code: translated.code,
    data: { appCode: error.code, field: error.details.field ?? null },
  });
};

/**
 * The organization as a streamed archive (gzip of NDJSON in Extended JSON v2), beside the
 * REST face: a plain route, since a tRPC procedure answers one value, not a stream. The
 * bearer token is verified by the same domain call as every admin procedure.
 */
export const orgArchiveRoutes = async (app: FastifyInstance, options: OrgArchiveOptions) => {
  const { domain } = options;
  const principalOf = async (request: FastifyRequest) => {
    const token = readBearerToken(request.headers.authorization);
    if (!token)
      throw new AppError('UNAUTHENTICATED', 'Missing bearer token: send Authorization: Bearer <access_token>');
    return domain.authenticate(token);
  };

  // Only here, and without the JSON body limit: an archive streams straight into the import.
  app.addContentTypeParser(archiveType, (_request, payload, done) => done(null, payload));

  app.get('/org/export', async (request, reply) => {
    try {
      const principal = await principalOf(request);
      const archive = await domain.exportOrganization(principal, organizationNameOf(request));
      const body = pipeline(Readable.from(archive.lines), createGzip(), (error) => {
        if (error) request.log.warn({ err: error }, 'export stream ended early');
      });
      return await reply
        .header('content-type', archiveType)
        .header('content-disposition', `attachment; filename="${archive.slug}.ndjson.gz"`)
        .send(body);
    } catch (error) {
      return answerError(reply, error);
    }
  });

  app.post('/org/import', async (request, reply) => {
    try {
      const principal = await principalOf(request);
      if (request.headers['content-type'] !== archiveType) {
        throw new AppError('VALIDATION_FAILED', `Send the archive as ${archiveType} (what GET /org/export returns)`, {
          field: 'archive',
        });
      }
      const gunzip = createGunzip();
      // A refused import never reads its body; gunzip's error (e.g. an empty body) then has no
      // reader, and an unheard 'error' event would crash the process. A reader still gets it.
      gunzip.on('error', () => undefined);
      const unzipped = pipeline(request.body as NodeJS.ReadableStream, gunzip, () => undefined);
      const report = await domain
        .importOrganization(principal, organizationNameOf(request), linesOf(unzipped))
        .catch((error: unknown) => {
          if (!isAppError(error) && (error as { code?: string }).code?.startsWith('Z_')) {
            throw new AppError('VALIDATION_FAILED', 'The archive is not valid gzip', { field: 'archive' });
          }
          throw error;
        });
      return await reply.send({ message: `Imported ${report.documents} documents`, documents: report.documents });
    } catch (error) {
      return answerError(reply, error);
    }
  });
};
