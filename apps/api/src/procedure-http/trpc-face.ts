import { transformTRPCResponse, type AnyProcedure, type TRPCError } from '@trpc/server';
import { fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { TRPCResponse } from '@trpc/server/rpc';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { varyAdder, varyWith } from '../plugins/vary.js';
import { invokeProcedure } from './invoke-procedure.js';
import type { CallType, ProcedureHttp } from './procedure-http.js';
import { stockTrpcOptions } from './stock-adapter-options.js';

export type TrpcRequest = FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>;

type Call = { path: string; procedure: AnyProcedure; type: CallType; input: unknown };
type ResponseMeta = ReturnType<ProcedureHttp['responseMeta']>;
type ToWire = (responses: TRPCResponse | TRPCResponse[]) => unknown;

/**
 * The envelopes as the transformer puts them on the wire. tRPC's default transformer
 * returns what it is given, and copying every envelope for it cost 1.7% of a cached
 * read's CPU, so then they go out as they are.
 */
const toWireFor = (http: ProcedureHttp): ToWire => {
  const probe = {};
  if (http.config.transformer.output.serialize(probe) === probe) return (responses) => responses;
  return (responses) => transformTRPCResponse(http.config, responses);
};

const acceptedMethod = { query: 'GET', mutation: 'POST' } as const;
const asIs = (text: string) => text;
/** resolveResponse varies its answers by these. */
const addTrpcVary = varyAdder('trpc-accept, accept');
const emptyInputs: Record<string, unknown> = {};

/** One call of a request, or undefined when the stock handler must answer it. */
const callOf = (http: ProcedureHttp, request: TrpcRequest, path: string, input: unknown): Call | undefined => {
  const procedure = http.procedureAt(path);
  const type = procedure?._def.type;
  if (!procedure || (type !== 'query' && type !== 'mutation') || acceptedMethod[type] !== request.method)
    return undefined;
  return { path, procedure, type, input };
};

/** Parses the calls of a plain JSON request, or undefined when the stock handler must answer. */
const readCalls = (http: ProcedureHttp, request: TrpcRequest, isBatch: boolean): Call[] | undefined => {
  let raw: unknown;
  try {
    if (request.method === 'GET') {
      const { input } = request.query;
      raw = input === undefined ? undefined : JSON.parse(input);
    } else if (request.method === 'POST') {
      const contentType = request.headers['content-type'];
      if (contentType !== undefined && !contentType.startsWith('application/json')) return undefined;
      raw = typeof request.body === 'string' && request.body !== '' ? JSON.parse(request.body) : undefined;
    } else return undefined;
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(request.params.path);
  if (!isBatch) {
    const call = callOf(http, request, path, raw);
    return call && [call];
  }
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) return undefined;
  const inputs = (raw ?? emptyInputs) as Record<string, unknown>;
  const paths = path.split(',');
  const calls: Call[] = [];
  for (let index = 0; index < paths.length; index += 1) {
    const call = callOf(http, request, paths[index]!, inputs[String(index)]);
    if (!call) return undefined;
    calls.push(call);
  }
  return calls;
};

/**
 * Answers the common tRPC requests (a query or mutation, or a batch of them, as JSON)
 * without the fetch-API round trip of the stock adapter: no Request/Response objects,
 * no body streams, no abort-signal plumbing. The answers are `resolveResponse`'s
 * (envelopes, error shapes, statuses, headers, bytes). Returns false for everything
 * else (streaming, subscriptions, form data, wrong methods, unknown procedures,
 * malformed input).
 */
const tryAnswer = async (
  http: ProcedureHttp,
  responseMeta: ResponseMeta,
  toWire: ToWire,
  request: TrpcRequest,
  reply: FastifyReply,
): Promise<boolean> => {
  if (request.headers['trpc-accept'] !== undefined) return false;
  const { batch } = request.query;
  if (batch !== undefined && batch !== '1') return false;
  const isBatch = batch === '1';
  const calls = readCalls(http, request, isBatch);
  if (!calls) return false;
  const ctx = http.createContext(request);
  const errors: (TRPCError | undefined)[] = [];
  const answerCall = async ({ path, procedure, type, input }: Call, batchIndex: number): Promise<TRPCResponse> => {
    try {
      const data = await invokeProcedure(procedure, {
        path,
        getRawInput: () => Promise.resolve(input),
        ctx,
        type,
        signal: undefined,
        batchIndex,
      });
      return { result: { data } };
    } catch (cause) {
      const error = http.translateFailure(cause, path);
      errors[batchIndex] = error;
      return { error: http.shapeError(error, { path, type, input, ctx }) };
    }
  };
  // Most requests are one call: no Promise.all, no arrays of one.
  const responses = isBatch ? await Promise.all(calls.map(answerCall)) : [await answerCall(calls[0]!, 0)];
  const failed = errors.filter((error): error is TRPCError => error !== undefined);
  const status = isBatch ? getHTTPStatusCode(responses, errors) : getHTTPStatusCode(responses[0]!, failed);
  void reply.code(status).header('content-type', 'application/json');
  addTrpcVary(reply);
  if (failed.length > 0) {
    const { headers } = responseMeta({ errors: failed });
    for (const name in headers) void reply.header(name, headers[name]);
  }
  const body = toWire(isBatch ? responses : responses[0]!);
  // The JSON text as it is, without a Buffer copy: a reply serializer keeps Fastify from
  // appending a charset, so the bytes are the stock adapter's.
  await reply.serializer(asIs).send(JSON.stringify(body));
  return true;
};

/**
 * The reply as the stock handler sees it. Fastify copies a Response's headers over the
 * reply's, which dropped the `Vary: Origin` that CORS had set; this merges them instead.
 * tRPC 11's fastifyRequestHandler uses only `raw` and `send` of the reply it is given
 * (test/trpc-hosting.test.ts checks the stock answers' headers).
 */
const keepingVary = (reply: FastifyReply): FastifyReply =>
  ({
    raw: reply.raw,
    send: (response: Response) => {
      const vary = varyWith(reply.getHeader('vary'), response.headers.get('vary') ?? '');
      if (vary !== '') response.headers.set('vary', vary);
      return reply.send(response);
    },
  }) as unknown as FastifyReply;

/** The `/trpc/:path` handler: plain JSON calls answered here, the rest by tRPC's own fastify handler. */
export const createTrpcHandler = (http: ProcedureHttp) => {
  const stock = stockTrpcOptions(http);
  const responseMeta = http.responseMeta('trpc');
  const toWire = toWireFor(http);
  return async (request: TrpcRequest, reply: FastifyReply) => {
    if (!(await tryAnswer(http, responseMeta, toWire, request, reply))) {
      await fastifyRequestHandler({ ...stock, req: request, res: keepingVary(reply), path: request.params.path });
    }
    return reply;
  };
};
