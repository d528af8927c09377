import { AppError } from '@orgsphere/core';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  acceptsRequestBody,
  coerceSchema,
  getInputOutputParsers,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  unwrapZodType,
  type OpenApiMethod,
} from 'trpc-to-openapi';

import type { Context } from '../trpc/context.js';
import { trpcCodeFor } from '../trpc/errors.js';
import type { RouteMeta } from '../trpc/meta.js';
import { invokeProcedure } from './invoke-procedure.js';
import type { CallType, ProcedureHttp } from './procedure-http.js';
import { answerFrameworkErrors, restErrorBody } from './rest-errors.js';

/** Another method on an existing route's path, for clients of the original service. */
export type RestAlias = { method: OpenApiMethod; path: `/${string}`; aliasOf: OpenApiMethod };

/**
 * Where a route reads its input: the query string (GET), the JSON body (POST, PUT,
 * PATCH), or both (DELETE: some clients of the original service send a JSON body).
 */
type InputSource = 'query' | 'body' | 'query-and-body';

type RestRoute = { path: string; procedure: AnyProcedure; type: CallType; takesInput: boolean; inputFrom: InputSource };
type Call = { path: string | undefined; type: CallType | 'unknown'; input: unknown; ctx: Context | undefined };

const methods: OpenApiMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];
const routeKey = (method: string, path: string) => `${method} ${path.toLowerCase()}`;
/** trpc-to-openapi's path normalization: one leading and one trailing slash dropped. */
const normalizePath = (url: string) => `/${new URL(url, 'http://127.0.0.1').pathname.replace(/^\/|\/$/g, '')}`;

/** As trpc-to-openapi reads a query: a key given once is a string, empty values are dropped. */
const queryInput = (query: Record<string, unknown>) => {
  const input: Record<string, unknown> = {};
  for (const key in query) {
    const value = query[key];
    if (value) input[key] = Array.isArray(value) && value.length === 1 ? value[0] : value;
  }
  return input;
};

const requireJson = (request: FastifyRequest) => {
  const contentType = request.headers['content-type'];
  if (contentType?.startsWith('application/json')) return;
  throw new TRPCError({
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: contentType ? `Unsupported content-type "${contentType}` : 'Missing content-type header',
  });
};

/** A field sent in both places must say the same thing: which one would win is a guess. */
const mergeQueryAndBody = (query: Record<string, unknown>, body: Record<string, unknown>) => {
  for (const [field, value] of Object.entries(body)) {
    if (Object.hasOwn(query, field) && query[field] !== value) {
      const message = `${field} is given twice with different values, in the query string and in the JSON body; send it once`;
      throw new TRPCError({
        code: trpcCodeFor.VALIDATION_FAILED,
        message,
        cause: new AppError('VALIDATION_FAILED', message, { field }),
      });
    }
  }
  return { ...query, ...body };
};

const readInput = (from: InputSource, request: FastifyRequest): unknown => {
  const query = request.query as Record<string, unknown>;
  if (from === 'query') return queryInput(query);
  // Spread as trpc-to-openapi does, so a body that is not an object fails validation the same way.
  if (from === 'body') return { ...(request.body as object) };
  if (request.body === undefined) return queryInput(query);
  requireJson(request);
  return mergeQueryAndBody(queryInput(query), { ...(request.body as object) });
};

/**
 * Serves each REST route of the router directly, with what trpc-to-openapi does per
 * request done once at start-up (route lookup, schema unwrapping and coercion, the
 * caller proxy) and no Node request/response shims. The answers are trpc-to-openapi's
 * bytes plus `detail` in error bodies; a catch-all answers the paths it would also
 * match (any case, trailing slash) and 404 for the rest.
 */
export const registerRestRoutes = (scope: FastifyInstance, http: ProcedureHttp, aliases: readonly RestAlias[]) => {
  const responseMeta = http.responseMeta('rest');
  const fail = (reply: FastifyReply, cause: unknown, call: Call) => {
    const error = http.translateFailure(cause, call.path);
    const meta = responseMeta({ paths: call.path === undefined ? undefined : [call.path], errors: [error] });
    return send(
      reply,
      meta.status ?? http.statusOf(error),
      meta.headers,
      restErrorBody(error, http.shapeError(error, call)),
    );
  };

  const answer = async (route: RestRoute, request: FastifyRequest, reply: FastifyReply) => {
    const call: Call = { path: route.path, type: route.type, input: undefined, ctx: undefined };
    try {
      if (route.inputFrom === 'body') requireJson(request);
      if (route.takesInput) call.input = readInput(route.inputFrom, request);
      call.ctx = http.createContext(request);
      const getRawInput = async () => call.input;
      const data = await invokeProcedure(route.procedure, {
        path: route.path,
        getRawInput,
        ctx: call.ctx,
        type: route.type,
        signal: undefined,
        batchIndex: 0,
      });
      const meta = responseMeta({ paths: [route.path], errors: [] });
      const headers = http.restHeadersFor(route.path, data);
      return await send(reply, meta.status ?? 200, headers ? { ...meta.headers, ...headers } : meta.headers, data);
    } catch (cause) {
      return fail(reply, cause, call);
    }
  };

  const routes = new Map<string, RestRoute & { method: OpenApiMethod; url: string }>();
  for (const [path, procedure] of http.procedures()) {
    const openapi = (procedure._def.meta as RouteMeta | undefined)?.openapi;
    const type = procedure._def.type;
    if (!openapi || (type !== 'query' && type !== 'mutation')) continue;
    if (openapi.path.includes('{')) throw new Error(`${path}: path parameters are not served by the REST face`);
    const schema = unwrapZodType(getInputOutputParsers(procedure).inputParser, true);
    if (instanceofZodTypeObject(schema)) coerceSchema(schema);
    const inputFrom: InputSource =
      openapi.method === 'DELETE' ? 'query-and-body' : acceptsRequestBody(openapi.method) ? 'body' : 'query';
    const takesInput = !instanceofZodTypeLikeVoid(schema);
    routes.set(routeKey(openapi.method, openapi.path), {
      method: openapi.method,
      url: openapi.path,
      path,
      procedure,
      type,
      takesInput,
      inputFrom,
    });
  }
  for (const alias of aliases) {
    const route = routes.get(routeKey(alias.aliasOf, alias.path));
    if (!route) throw new Error(`REST alias ${alias.method} ${alias.path}: no ${alias.aliasOf} route on that path`);
    routes.set(routeKey(alias.method, alias.path), { ...route, method: alias.method });
  }

  answerFrameworkErrors(scope);
  for (const route of routes.values()) {
    scope.route({ method: route.method, url: route.url, handler: (request, reply) => answer(route, request, reply) });
  }
  scope.route({
    method: methods,
    url: '/*',
    handler: async (request, reply) => {
      const route = routes.get(routeKey(request.method, normalizePath(request.url)));
      if (route) return answer(route, request, reply);
      // trpc-to-openapi's warm-up answer (HEAD comes here through Fastify's HEAD twin of GET /*).
      if (request.method === 'HEAD') return reply.code(204).header('content-type', 'application/json').send();
      return fail(reply, new TRPCError({ code: 'NOT_FOUND', message: 'Not found' }), {
        path: undefined,
        type: 'unknown',
        input: undefined,
        ctx: undefined,
      });
    },
  });
};

const send = (reply: FastifyReply, status: number, headers: Record<string, string> | undefined, body: unknown) => {
  void reply.code(status).header('content-type', 'application/json');
  for (const name in headers) void reply.header(name, headers[name]);
  return reply.send(JSON.stringify(body));
};
