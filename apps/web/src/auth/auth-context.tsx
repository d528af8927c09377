import {
  createOrgSphereClient,
  createOrgSphereSession,
  describeOrgSphereError,
  type OrgSphereClient,
  type SessionEndReason,
} from '@orgsphere/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { createConsoleTokenStorage } from '../api/console-token-storage';
import { TRPCProvider } from '../api/trpc';
import { apiUrl } from '../config';

export type Auth = {
  signedIn: boolean;
  /** Why the console returned to sign-in, shown there once. */
  notice: string | null;
  /** After a call that stored tokens (login, sign-up, accept): show the console. */
  markSignedIn: () => void;
  /** Forgets the tokens here (the server session may already be gone) and returns to sign-in. */
  signOutLocally: (notice?: string | null) => Promise<void>;
};

const AuthContext = createContext<Auth | null>(null);

export const sessionEndedNotice: Record<SessionEndReason, string> = {
  SESSION_REVOKED: 'Your session was ended (signed out everywhere, or the password changed). Please sign in again.',
  REFRESH_TOKEN_INVALID: 'Your session expired. Please sign in again.',
  REFRESH_TOKEN_REUSED: 'Your session was ended for safety (its refresh token was used twice). Please sign in again.',
};

/** Client errors are answers, not glitches: retrying them would only repeat them. */
const retryTransient = (failures: number, error: unknown) => {
  const status = describeOrgSphereError(error).status;
  return failures < 2 && (status === null || status >= 500);
};

/** One typed client, session and query cache per page load. */
const createConsoleServices = () => {
  const storage = createConsoleTokenStorage(window.sessionStorage);
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: retryTransient, staleTime: 5_000 }, mutations: { retry: false } },
  });
  const url = apiUrl();
  const listeners = new Set<(reason: SessionEndReason) => void>();
  const session = createOrgSphereSession({
    url,
    storage,
    onSessionEnded: (reason) => {
      queryClient.clear();
      for (const listener of listeners) listener(reason);
    },
  });
  const client: OrgSphereClient = createOrgSphereClient({ url, session });
  return { session, queryClient, client, hasTokens: storage.load() !== null, listeners };
};

/**
 * The typed client with the client package's session helper, TanStack Query and the
 * sign-in state, for the whole console.
 */
export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const [services] = useState(createConsoleServices);
  const [state, setState] = useState({ signedIn: services.hasTokens, notice: null as string | null });
  useEffect(() => {
    const onEnded = (reason: SessionEndReason) => setState({ signedIn: false, notice: sessionEndedNotice[reason] });
    services.listeners.add(onEnded);
    return () => void services.listeners.delete(onEnded);
  }, [services]);

  const auth = useMemo<Auth>(
    () => ({
      ...state,
      markSignedIn: () => setState({ signedIn: true, notice: null }),
      signOutLocally: async (notice = null) => {
        await services.session.signOut();
        services.queryClient.clear();
        setState({ signedIn: false, notice });
      },
    }),
    [state, services],
  );

  return (
    <QueryClientProvider client={services.queryClient}>
      <TRPCProvider trpcClient={services.client} queryClient={services.queryClient}>
        <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>
      </TRPCProvider>
    </QueryClientProvider>
  );
};

export const useAuth = (): Auth => {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
};
