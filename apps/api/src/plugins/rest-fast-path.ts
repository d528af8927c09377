import { TRPCError } from '@trpc/server';
import { getErrorShape, getTRPCErrorFromUnknown, type AnyProcedure } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptsRequestBody,
  coerceSchema,
  getInputOutputParsers,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  unwrapZodType,
} from 'trpc-to-openapi';

import type { Context } from '../trpc/context.js';
import { invokeProcedure } from '../trpc/invoke-procedure.js';
import type { AppRouter } from '../trpc/router.js';

export type RestFastPathOptions = {
  router: AppRouter;
  createContext: (request: FastifyRequest) => Context;
  /** Status and headers, as the trpc-to-openapi plugin's responseMeta gives them. */
  responseMeta: (opts: { paths: string[]; errors: TRPCError[] }) => { status?: number; headers?: Record<string, string> };
  onError: (opts: { error: TRPCError; path: string }) => void;
};

/** trpc-to-openapi's own status table (it differs from tRPC's for a few codes). */
const statusOf: Record<string, number> = {
  PARSE_ERROR: 400, BAD_REQUEST: 400, NOT_FOUND: 404, INTERNAL_SERVER_ERROR: 500, UNAUTHORIZED: 401, FORBIDDEN: 403,
  TIMEOUT: 408, CONFLICT: 409, CLIENT_CLOSED_REQUEST: 499, PRECONDITION_FAILED: 412, PAYLOAD_TOO_LARGE: 413,
  METHOD_NOT_SUPPORTED: 405, UNSUPPORTED_MEDIA_TYPE: 415, TOO_MANY_REQUESTS: 429, UNPROCESSABLE_CONTENT: 422,
  NOT_IMPLEMENTED: 501, BAD_GATEWAY: 502, SERVICE_UNAVAILABLE: 503, GATEWAY_TIMEOUT: 504, PAYMENT_REQUIRED: 402,
  PRECONDITION_REQUIRED: 428,
};

/** As trpc-to-openapi reads a query: a key given once is a string, empty values are dropped. */
const queryInput = (query: Record<string, unknown>) => {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value) input[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return input;
};

/**
 * Serves each REST route of the router directly, with what trpc-to-openapi does per
 * request done once at start-up (route lookup, schema unwrapping and coercion, the
 * caller proxy) and no Node request/response shims. Answers, errors included, are
 * the bytes trpc-to-openapi would send; its catch-all route still answers every
 * path and method these routes do not own.
 */
export const registerRestFastRoutes = (app: FastifyInstance, options: RestFastPathOptions) => {
  const procedures = options.router._def.procedures as unknown as Record<string, AnyProcedure>;
  const config = options.router._def._config;
  for (const [path, procedure] of Object.entries(procedures)) {
    const openapi = (procedure._def.meta as { openapi?: { method: string; path: string } } | undefined)?.openapi;
    const type = procedure._def.type;
    if (!openapi || (type !== 'query' && type !== 'mutation')) continue;
    const useBody = acceptsRequestBody(openapi.method as 'GET');
    const schema = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
    const takesInput = !instanceofZodTypeLikeVoid(schema);
    if (instanceofZodTypeObject(schema)) coerceSchema(schema);

    const fail = (reply: FastifyReply, cause: unknown, ctx: Context | undefined, input: unknown) => {
      const error = getTRPCErrorFromUnknown(cause);
      options.onError({ error, path });
      const meta = options.responseMeta({ paths: [path], errors: [error] });
      const shape = getErrorShape({ config, error, type, path, input, ctx });
      const isValidation = error.code === 'BAD_REQUEST' && error.cause instanceof Error && error.cause.name === 'ZodError';
      const body = {
        ...shape,
        message: isValidation ? 'Input validation failed' : (shape.message ?? error.message ?? 'An error occurred'),
        code: error.code,
        issues: isValidation ? (error.cause as unknown as { issues: unknown }).issues : undefined,
      };
      return send(reply, meta.status ?? statusOf[error.code] ?? 500, meta.headers, body);
    };

    app.route({
      method: openapi.method,
      url: openapi.path,
      handler: async (request, reply) => {
        let ctx: Context | undefined;
        let input: unknown;
        try {
          const contentType = request.headers['content-type'];
          if (useBody && !contentType?.startsWith('application/json')) {
            throw new TRPCError({
              code: 'UNSUPPORTED_MEDIA_TYPE',
              message: contentType ? `Unsupported content-type "${contentType}` : 'Missing content-type header',
            });
          }
          if (takesInput) input = useBody ? request.body : queryInput(request.query as Record<string, unknown>);
          ctx = options.createContext(request);
          const data = await invokeProcedure(procedure, { path, getRawInput: async () => input, ctx, type, signal: undefined, batchIndex: 0 });
          const meta = options.responseMeta({ paths: [path], errors: [] });
          return send(reply, meta.status ?? 200, meta.headers, data);
        } catch (cause) {
          return fail(reply, cause, ctx, input);
        }
      },
    });
  }
};

const send = (reply: FastifyReply, status: number, headers: Record<string, string> | undefined, body: unknown) => {
  void reply.code(status).header('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers ?? {})) void reply.header(name, value);
  return reply.send(JSON.stringify(body));
};
