import type { Env } from './env.js';

/** A frontend dev server on this machine (Vite's 5173, CRA's 3000, ...), over plain http. */
export const localFrontendOrigin = /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * Browser origins allowed by CORS: in development local frontends work out of the box besides
 * CORS_ORIGINS; in test and production only the explicit list.
 */
export const allowedCorsOrigins = (env: Pick<Env, 'NODE_ENV' | 'CORS_ORIGINS'>): Array<string | RegExp> =>
  env.NODE_ENV === 'development' ? [...env.CORS_ORIGINS, localFrontendOrigin] : env.CORS_ORIGINS;
