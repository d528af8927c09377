import type { AuditAction } from '@orgsphere/core';
import type { OpenApiMeta } from 'trpc-to-openapi';

/**
 * Our own copy of the REST metadata shape, so the router type (which the client
 * package inlines) does not reference trpc-to-openapi.
 */
export type RouteMeta = {
  openapi?: {
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    path: `/${string}`;
    summary?: string;
    description?: string;
    tags?: string[];
    protect?: boolean;
  };
  /** Procedures that change state or authenticate write an audit event under this action. */
  audit?: AuditAction;
  /**
   * API keys may call this procedure (the domain checks their scopes). Without it a key
   * is refused with 403 API_KEY_NOT_ALLOWED: procedures about a person stay theirs.
   * `refused`: a public procedure that answers only a person's own proof (restore, purge,
   * operator login) refuses a request that presents a key, rather than ignore it.
   */
  apiKeys?: 'allowed' | 'refused';
};

// Fails typecheck if trpc-to-openapi stops accepting our shape.
export const routeMetaIsOpenApiMeta: RouteMeta extends OpenApiMeta ? true : never = true;
