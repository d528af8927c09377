import type { AppRouter } from '@orgsphere/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';

/** TanStack Query options for every procedure, typed by the client package's router type. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
