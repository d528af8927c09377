import { createTRPCClient, httpBatchLink, type TRPCClient, type TRPCLink } from '@trpc/client';

import { accessTokenContextKey, type OrgSphereSession } from './session.js';
import type { AppRouter } from './types.js';
import { clientVersion, clientVersionHeader } from './version.js';

type MaybePromise<T> = T | Promise<T>;

/** A link of this client, e.g. tRPC's `loggerLink()` or your own. */
export type OrgSphereLink = TRPCLink<AppRouter>;

/**
 * Batching limits. The defaults keep a batch's URL well under what servers and
 * proxies accept (Node refuses request heads over 16 KiB with 431), whatever a page
 * asks for in one tick; calls past a limit go in further requests.
 */
export const defaultBatchLimits = { maxURLLength: 4_000, maxItems: 50 } as const;

export type OrgSphereClientOptions = {
  /** Base URL of the API, e.g. `http://127.0.0.1:8000` (the client talks to `<url>/trpc`). */
  url: string;
  /** Keeps an admin signed in and refreshes tokens; see `createOrgSphereSession`. */
  session?: OrgSphereSession;
  /** Access token from `admin.login`, or a function returning the current one (ignored with `session`). */
  token?: string | (() => MaybePromise<string | null | undefined>);
  /** Extra headers for every request, or a function returning them. */
  headers?: Record<string, string> | (() => MaybePromise<Record<string, string>>);
  /** Custom fetch (tests, proxies, older runtimes, credentials). */
  fetch?: typeof fetch;
  /** Batching limits; see `defaultBatchLimits`. */
  batch?: { maxURLLength?: number; maxItems?: number };
  /** Links run before the HTTP transport (after the session's), e.g. `loggerLink()`. */
  links?: OrgSphereLink[];
};

export type OrgSphereClient = TRPCClient<AppRouter>;

/**
 * A fully typed client for the OrgSphere API. Calls made in the same tick are
 * batched into as few HTTP requests as the batch limits allow.
 * @example
 * const api = createOrgSphereClient({ url: 'http://127.0.0.1:8000' });
 * const org = await api.org.get.query({ organization_name: 'Acme' });
 */
export const createOrgSphereClient = (options: OrgSphereClientOptions): OrgSphereClient => {
  const tokenFor = async (context: Record<string, unknown>): Promise<string | null | undefined> => {
    if (options.session) {
      const sent = context[accessTokenContextKey];
      return typeof sent === 'string' || sent === null ? sent : options.session.accessToken();
    }
    return typeof options.token === 'function' ? options.token() : options.token;
  };
  return createTRPCClient<AppRouter>({
    links: [
      ...(options.session ? [options.session.link] : []),
      ...(options.links ?? []),
      httpBatchLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        maxURLLength: options.batch?.maxURLLength ?? defaultBatchLimits.maxURLLength,
        maxItems: options.batch?.maxItems ?? defaultBatchLimits.maxItems,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        async headers({ opList }) {
          const extra = typeof options.headers === 'function' ? await options.headers() : (options.headers ?? {});
          const token = await tokenFor(opList[0].context);
          return {
            ...extra,
            [clientVersionHeader]: clientVersion,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          };
        },
      }),
    ],
  });
};
