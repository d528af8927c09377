import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

import './request-observation.js';
import type { RouteLabeler } from './route-label.js';

const levelsWritingInfo = new Set(['info', 'debug', 'trace']);

/** The typed client's `x-orgsphere-client` version, if it looks like one (never free text in logs). */
const clientVersionOf = (request: FastifyRequest): string | undefined => {
  const value = request.headers['x-orgsphere-client'];
  return typeof value === 'string' && /^[\w.+-]{1,32}$/.test(value) ? value : undefined;
};

/**
 * One line per request, when it completes: request id (pino's reqId), method, route
 * pattern, status, duration, the organization and admin once known, and the typed
 * client's version when it sent one. No "incoming request" line, and never other
 * headers, bodies or query strings.
 */
export class RequestLogController extends LogController {
  constructor(private readonly routeLabel: RouteLabeler) {
    super();
  }

  override incomingRequest(): void {
    // The completion line says everything; half the log volume.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    // Below info (LOG_LEVEL=warn, /health's route level) only errors are written: build no line for nothing.
    if (!error && !levelsWritingInfo.has(reply.log.level)) return;
    const observation = request.telemetry;
    const clientVersion = clientVersionOf(request);
    const line = {
      method: request.method,
      route: this.routeLabel(request),
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
      ...(observation && observation.procedures.length > 0 ? { procedures: observation.procedures } : {}),
      ...(observation?.organizationId ? { organizationId: observation.organizationId } : {}),
      ...(observation?.adminId ? { adminId: observation.adminId } : {}),
      ...(clientVersion ? { clientVersion } : {}),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
