import { isAppError } from '@orgsphere/core';
import { getErrorShape, getTRPCErrorFromUnknown, type AnyProcedure, type TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyRequest } from 'fastify';

import type { Context } from '../trpc/context.js';
import type { AppRouter } from '../trpc/router.js';

/** Everything both faces (tRPC and REST) and the stock adapters they are compared with need. */
export type ProcedureHttpOptions = {
  router: AppRouter;
  createContext: (request: FastifyRequest) => Context;
  /** Where internal errors are logged; the other errors are the caller's and only answered. */
  log: { error: (fields: object, message: string) => void };
  /** Procedures whose REST route answers 201 Created instead of 200. */
  createdByRest: readonly string[];
  /** Headers a successful REST answer takes from its data (e.g. `Location`). */
  restHeadersFor?: (path: string, data: unknown) => Record<string, string> | undefined;
};

export type Face = 'trpc' | 'rest';
export type CallType = 'query' | 'mutation';

/** How one request's calls went: the errors, and the procedure paths when known. */
export type Outcome = { paths?: readonly string[] | undefined; errors: readonly { cause?: unknown }[] };

/** Headers an error asks for: Retry-After for throttling. */
const headersForErrors = (errors: Outcome['errors']): Record<string, string> => {
  for (const { cause } of errors) {
    if (isAppError(cause) && typeof cause.details.retryAfterSeconds === 'number') {
      return { 'retry-after': String(cause.details.retryAfterSeconds) };
    }
  }
  return {};
};

/**
 * How a procedure is answered over HTTP, shared by both faces: the procedures by path,
 * the one error translation (any thrown value to a TRPCError, logged once if internal),
 * the one status table (tRPC's; trpc-to-openapi's is the same, a test checks it) and
 * the status and headers of an answer.
 */
export const createProcedureHttp = (options: ProcedureHttpOptions) => {
  // tRPC keeps a flat record of every procedure by its dotted path.
  const procedures = options.router._def.procedures as unknown as Record<string, AnyProcedure>;
  const config = options.router._def._config;
  const created = new Set(options.createdByRest);

  const onError = ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') options.log.error({ err: error, path }, 'procedure failed');
  };

  /** Status (when not the error's own) and headers of an answer, as the stock adapters' responseMeta. */
  const responseMeta =
    (face: Face) =>
    ({ paths, errors }: Outcome): { status?: number; headers?: Record<string, string> } =>
      face === 'rest' && errors.length === 0 && paths?.some((path) => created.has(path))
        ? { status: 201 }
        : { headers: headersForErrors(errors) };

  /** The one translation of a failed call. */
  const translateFailure = (cause: unknown, path: string | undefined) => {
    const error = getTRPCErrorFromUnknown(cause);
    onError({ error, path });
    return error;
  };

  /** The error as the router's errorFormatter shapes it. */
  const shapeError = (
    error: TRPCError,
    call: { path: string | undefined; type: CallType | 'unknown'; input: unknown; ctx: Context | undefined },
  ) => getErrorShape({ config, error, ...call });

  return {
    router: options.router,
    config,
    createContext: options.createContext,
    procedureAt: (path: string) => (Object.hasOwn(procedures, path) ? procedures[path] : undefined),
    procedures: () => Object.entries(procedures),
    onError,
    responseMeta,
    translateFailure,
    shapeError,
    statusOf: getHTTPStatusCodeFromError,
    restHeadersFor: options.restHeadersFor ?? (() => undefined),
  };
};

export type ProcedureHttp = ReturnType<typeof createProcedureHttp>;
