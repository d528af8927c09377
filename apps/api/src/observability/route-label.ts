import type { FastifyRequest } from 'fastify';

import './request-observation.js';

/** A bounded metrics/log label for a request: a route pattern, a known REST path, or "unmatched". */
export type RouteLabeler = (request: FastifyRequest) => string;

export type KnownRoute = { method: string; path: string };

/**
 * Labels by the matched route pattern. A request answered by a wildcard route (the
 * REST face's catch-all) is labelled by its URL path when that path is one of
 * `restRoutes` ("PUT /org/update" -> "/org/update"), else "unmatched"; never a raw URL.
 */
export const createRouteLabeler = (restRoutes: Iterable<KnownRoute>): RouteLabeler => {
  const known = new Set([...restRoutes].map(({ method, path }) => `${method.toUpperCase()} ${path}`));
  const match = (request: FastifyRequest): string => {
    const pattern = request.routeOptions.url;
    if (pattern === undefined) return 'unmatched';
    if (!pattern.endsWith('*') || pattern.startsWith('/docs')) return pattern;
    const path = request.url.split('?', 1)[0] ?? '';
    return known.has(`${request.method} ${path}`) ? path : 'unmatched';
  };
  return (request) => {
    const observation = request.telemetry;
    if (observation?.route !== undefined) return observation.route;
    const route = match(request);
    if (observation) observation.route = route;
    return route;
  };
};
