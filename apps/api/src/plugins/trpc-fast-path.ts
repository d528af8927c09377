import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type AnyProcedure,
  type TRPCError,
  type TRPCResponse,
} from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';

import type { Context } from '../trpc/context.js';
import { invokeProcedure } from '../trpc/invoke-procedure.js';
import type { AppRouter } from '../trpc/router.js';

export type FastPathOptions = {
  router: AppRouter;
  createContext: (request: FastifyRequest) => Context;
  responseMeta: (opts: { errors: TRPCError[] }) => { headers?: Record<string, string> };
  onError: (opts: { error: TRPCError; path: string }) => void;
};

type Call = { path: string; procedure: AnyProcedure; input: unknown };

const acceptedMethod = { query: 'GET', mutation: 'POST' } as const;
const emptyInputs: Record<string, unknown> = {};

/** Parses the calls of a plain JSON request, or undefined when the stock handler must answer. */
const readCalls = (request: FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>, router: AppRouter): Call[] | undefined => {
  const { batch, input: queryInput } = request.query;
  const isBatch = batch === '1';
  if (batch !== undefined && !isBatch) return undefined;
  let raw: unknown;
  try {
    if (request.method === 'GET') raw = queryInput === undefined ? undefined : JSON.parse(queryInput);
    else if (request.method === 'POST') {
      const contentType = request.headers['content-type'];
      if (contentType !== undefined && !contentType.startsWith('application/json')) return undefined;
      raw = typeof request.body === 'string' && request.body !== '' ? JSON.parse(request.body) : undefined;
    } else return undefined;
  } catch {
    return undefined;
  }
  const paths = isBatch ? decodeURIComponent(request.params.path).split(',') : [decodeURIComponent(request.params.path)];
  if (isBatch && raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) return undefined;
  const inputs = isBatch ? ((raw ?? emptyInputs) as Record<string, unknown>) : undefined;
  const calls: Call[] = [];
  for (const [index, path] of paths.entries()) {
    // tRPC keeps a flat record of every procedure by its dotted path.
    const procedures = router._def.procedures as unknown as Record<string, AnyProcedure>;
    const procedure = Object.hasOwn(procedures, path) ? procedures[path] : undefined;
    const type = procedure?._def.type;
    if (!procedure || (type !== 'query' && type !== 'mutation') || acceptedMethod[type] !== request.method) return undefined;
    calls.push({ path, procedure, input: inputs ? inputs[String(index)] : raw });
  }
  return calls;
};

/**
 * Serves the common tRPC requests (a query or mutation, or a batch of them, as
 * JSON) without the fetch-API round trip of the stock adapter: no Request/Response
 * objects, no body streams, no abort-signal plumbing. It answers exactly what
 * `resolveResponse` answers (same envelopes, error shapes, statuses, headers), and
 * returns false for everything else (streaming, subscriptions, form data, wrong
 * methods, unknown procedures, malformed input) so the stock handler answers those.
 */
export const tryFastPath = async (
  options: FastPathOptions,
  request: FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
): Promise<boolean> => {
  if (request.headers['trpc-accept'] !== undefined) return false;
  const calls = readCalls(request, options.router);
  if (!calls) return false;
  const isBatch = request.query.batch === '1';
  const config = options.router._def._config;
  const ctx = options.createContext(request);
  const errors: (TRPCError | undefined)[] = [];
  const responses = await Promise.all(
    calls.map(async (call, batchIndex): Promise<TRPCResponse> => {
      const type = call.procedure._def.type as 'query' | 'mutation';
      try {
        const data = await invokeProcedure(call.procedure, { path: call.path, getRawInput: async () => call.input, ctx, type, signal: undefined, batchIndex });
        return { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        errors[batchIndex] = error;
        options.onError({ error, path: call.path });
        return { error: getErrorShape({ config, ctx, error, input: call.input, path: call.path, type }) };
      }
    }),
  );
  const defined = errors.filter((error): error is TRPCError => error !== undefined);
  const status = getHTTPStatusCode(isBatch ? responses : responses[0]!, isBatch ? errors : defined);
  const meta = options.responseMeta({ errors: defined });
  void reply.code(status).header('vary', 'trpc-accept, accept').header('content-type', 'application/json');
  for (const [name, value] of Object.entries(meta.headers ?? {})) void reply.header(name, value);
  const body = isBatch ? transformTRPCResponse(config, responses) : transformTRPCResponse(config, responses[0]!);
  // A Buffer keeps Fastify from appending a charset: the bytes are the stock adapter's.
  await reply.send(Buffer.from(JSON.stringify(body)));
  return true;
};
