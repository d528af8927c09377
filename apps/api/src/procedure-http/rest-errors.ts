import { STATUS_CODES } from 'node:http';

import type { TRPCError } from '@trpc/server';
import type { FastifyInstance } from 'fastify';

/**
 * A REST error body: trpc-to-openapi's (the error shape, then `message`, `code` and
 * zod's `issues`), plus `detail`, the field FastAPI clients of the original service read.
 */
export const restErrorBody = (error: TRPCError, shape: { message: string }) => {
  const validation = error.code === 'BAD_REQUEST' && error.cause instanceof Error && error.cause.name === 'ZodError';
  const message = validation ? 'Input validation failed' : shape.message;
  const issues = validation ? (error.cause as unknown as { issues: unknown }).issues : undefined;
  return { ...shape, message, code: error.code, issues, detail: message };
};

/**
 * Errors Fastify raises before a REST route runs (malformed JSON, unknown media type,
 * rate limits) keep Fastify's body and gain `detail` too; a 5xx never shows its message.
 */
export const answerFrameworkErrors = (scope: FastifyInstance) => {
  scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode !== undefined && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    const message = status >= 500 ? 'Internal server error' : error.message;
    return reply
      .code(status)
      .send({ statusCode: status, code: error.code, error: STATUS_CODES[status], message, detail: message });
  });
};
