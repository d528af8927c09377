import type { AnyTRPCRouter } from '@trpc/server';

import type { RouteMeta } from './meta.js';

/** The REST face's routes ({method, path}), read from the procedures' OpenAPI meta. */
export const restRoutesOf = (router: AnyTRPCRouter): { method: string; path: string }[] =>
  Object.values(router._def.procedures as Record<string, { _def?: { meta?: RouteMeta } }>).flatMap(({ _def }) =>
    _def?.meta?.openapi ? [{ method: _def.meta.openapi.method, path: _def.meta.openapi.path }] : [],
  );
