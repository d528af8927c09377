import type { AppRouter } from '@orgsphere/api';
import { createTRPCClient, httpBatchLink, TRPCClientError, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };

/** Inputs of every procedure, e.g. `OrgSphereInputs['org']['create']`. */
export type OrgSphereInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `OrgSphereOutputs['admin']['login']`. */
export type OrgSphereOutputs = inferRouterOutputs<AppRouter>;

export type Organization = OrgSphereOutputs['org']['get'];
export type LoginResult = OrgSphereOutputs['admin']['login'];
/** What `org.delete` and `org.purge` answer; `restore_token` undoes a soft delete at `org.restore`. */
export type DeletedOrganization = OrgSphereOutputs['org']['delete'];

/** What every failed call rejects with; `error.data.appCode` names the domain error. */
export type OrgSphereClientError = TRPCClientError<AppRouter>;

export type OrgSphereClientOptions = {
  /** Base URL of the API, e.g. `http://127.0.0.1:8000` (the client talks to `<url>/trpc`). */
  url: string;
  /** Access token from `admin.login`, or a function returning the current one. */
  token?: string | (() => string | null | undefined | Promise<string | null | undefined>);
  /** Custom fetch (tests, proxies, older runtimes). */
  fetch?: typeof fetch;
};

export type OrgSphereClient = TRPCClient<AppRouter>;

/**
 * A fully typed client for the OrgSphere API. Calls made in the same tick are
 * batched into one HTTP request.
 * @example
 * const api = createOrgSphereClient({ url: 'http://127.0.0.1:8000' });
 * const org = await api.org.get.query({ organization_name: 'Acme' });
 */
export const createOrgSphereClient = (options: OrgSphereClientOptions): OrgSphereClient =>
  createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        async headers() {
          const token = typeof options.token === 'function' ? await options.token() : options.token;
          return token ? { authorization: `Bearer ${token}` } : {};
        },
      }),
    ],
  });

export const isOrgSphereClientError = (error: unknown): error is OrgSphereClientError =>
  error instanceof TRPCClientError;
