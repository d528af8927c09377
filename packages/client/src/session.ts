import { createTRPCClient, httpLink, TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

import { isOrgSphereClientError } from './errors.js';
import { createMemoryTokenStorage, type StoredTokens, type TokenStorage } from './token-storage.js';
import type { AppRouter, SessionTokens } from './types.js';
import { clientVersion, clientVersionHeader } from './version.js';

/** Why a session ended without the app asking. */
export type SessionEndReason = 'SESSION_REVOKED' | 'REFRESH_TOKEN_INVALID' | 'REFRESH_TOKEN_REUSED';

export type OrgSphereSessionOptions = {
  /** Base URL of the API, as given to `createOrgSphereClient`. */
  url: string;
  /** Where tokens are kept; memory by default. */
  storage?: TokenStorage;
  /** Called once when the server ends the session (logout elsewhere, password changed, refresh refused). */
  onSessionEnded?: (reason: SessionEndReason) => void;
  fetch?: typeof fetch;
};

/**
 * Keeps an admin signed in. Give it to `createOrgSphereClient({ session })`: tokens
 * from `admin.login`, `admin.changePassword`, `me.switchOrganization` and
 * `invitations.accept` are stored, an expired access token is
 * refreshed once however many calls fail together (a second use of a refresh token
 * would revoke the session), and the calls are retried.
 */
export type OrgSphereSession = {
  /** The access token to send, refreshing it first if it has expired; `null` when signed out. */
  accessToken(): Promise<string | null>;
  /** Stores tokens obtained elsewhere (e.g. by the REST API). */
  signIn(tokens: SessionTokens): Promise<void>;
  /** Forgets the tokens locally (call `admin.logout` first to end the session on the server). */
  signOut(): Promise<void>;
  /** Exchanges the refresh token now; concurrent callers share one exchange. */
  refresh(): Promise<string | null>;
  /** The link `createOrgSphereClient` puts in front of its transport. */
  readonly link: TRPCLink<AppRouter>;
};

const toStored = (tokens: SessionTokens, now = Date.now()): StoredTokens => ({
  accessToken: tokens.access_token,
  refreshToken: tokens.refresh_token,
  accessTokenExpiresAt: now + tokens.expires_in * 1000,
});

/** Where the session link tells the transport which access token to send. */
export const accessTokenContextKey = 'orgsphereAccessToken';

/** Calls whose answer is the session's new token pair (switching organization and accepting an invitation too). */
const issuesTokens = new Set([
  'admin.login',
  'admin.refresh',
  'admin.changePassword',
  'me.switchOrganization',
  'invitations.accept',
]);
/** Their 401 means wrong credentials, not an expired access token. */
const presentsCredentials = new Set(['admin.login', 'admin.refresh']);
const endsSession = new Set(['admin.logout', 'admin.logoutAll']);

/** @see OrgSphereSession */
export const createOrgSphereSession = (options: OrgSphereSessionOptions): OrgSphereSession => {
  const storage = options.storage ?? createMemoryTokenStorage();
  // Its own transport without the session link, so a refresh never waits on itself.
  const transport = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${options.url.replace(/\/+$/, '')}/trpc`,
        headers: { [clientVersionHeader]: clientVersion },
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
  let refreshing: Promise<string | null> | null = null;

  const end = async (reason: SessionEndReason) => {
    await storage.save(null);
    options.onSessionEnded?.(reason);
  };

  const exchange = async (): Promise<string | null> => {
    const stored = await storage.load();
    if (!stored) return null;
    try {
      const tokens = await transport.admin.refresh.mutate({ refresh_token: stored.refreshToken });
      await storage.save(toStored(tokens));
      return tokens.access_token;
    } catch (error) {
      const appCode = isOrgSphereClientError(error) ? error.data?.appCode : undefined;
      // Another tab or process may have refreshed with the same storage meanwhile.
      const current = await storage.load();
      if (current && current.refreshToken !== stored.refreshToken) return current.accessToken;
      if (appCode === 'REFRESH_TOKEN_INVALID' || appCode === 'REFRESH_TOKEN_REUSED') await end(appCode);
      throw error;
    }
  };

  const refresh = (): Promise<string | null> => {
    refreshing ??= exchange().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const accessToken = async (): Promise<string | null> => {
    if (refreshing) return refreshing;
    const stored = await storage.load();
    if (!stored) return null;
    const expired = stored.accessTokenExpiresAt !== undefined && stored.accessTokenExpiresAt <= Date.now();
    return expired ? refresh() : stored.accessToken;
  };

  /** After a 401: true when a retry with the (possibly new) token is worth it. */
  const recover = async (sentToken: string | null, appCode: string | null | undefined): Promise<boolean> => {
    const current = (await storage.load())?.accessToken ?? null;
    if (current && current !== sentToken) return true;
    // TOKEN_INVALID too: a token signed with a key since retired is renewed by a refresh.
    if (appCode === 'TOKEN_EXPIRED' || appCode === 'TOKEN_INVALID') {
      return (await refresh().catch(() => null)) !== null;
    }
    if (appCode === 'SESSION_REVOKED' && sentToken !== null) await end('SESSION_REVOKED');
    return false;
  };

  /** Stores the tokens a call returned, or forgets them when it ended the session. */
  const keep = async (path: string, data: unknown) => {
    if (issuesTokens.has(path) && data) await storage.save(toStored(data as SessionTokens));
    else if (endsSession.has(path)) await storage.save(null);
  };

  const link: TRPCLink<AppRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        let active: { unsubscribe(): void } | undefined;
        let stopped = false;
        // Results wait for their tokens to be stored, so the next call already uses them.
        let kept: Promise<void> = Promise.resolve();
        const attempt = async (retried: boolean) => {
          let sentToken: string | null;
          try {
            sentToken = await accessToken();
          } catch (error) {
            // The refresh itself failed (network, 503): that is this call's answer.
            return observer.error(TRPCClientError.from(error as Error));
          }
          if (stopped) return;
          active = next({ ...op, context: { ...op.context, [accessTokenContextKey]: sentToken } }).subscribe({
            next: (envelope) => {
              const data = 'data' in envelope.result ? envelope.result.data : undefined;
              kept = keep(op.path, data).then(
                () => observer.next(envelope),
                (error: unknown) => observer.error(error as never),
              );
            },
            error: (error) => {
              const unauthorized = error.data?.httpStatus === 401 && !presentsCredentials.has(op.path);
              if (retried || !unauthorized) return observer.error(error);
              recover(sentToken, error.data?.appCode).then(
                (retry) => (retry ? void attempt(true) : observer.error(error)),
                () => observer.error(error),
              );
            },
            complete: () => void kept.then(() => observer.complete()),
          });
        };
        void attempt(false);
        return () => {
          stopped = true;
          active?.unsubscribe();
        };
      });

  return {
    accessToken,
    refresh,
    signIn: async (tokens) => storage.save(toStored(tokens)),
    signOut: async () => storage.save(null),
    link,
  };
};
