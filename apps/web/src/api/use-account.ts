import type { Role } from '@orgsphere/client';
import { useQuery } from '@tanstack/react-query';

import { useTRPC } from './trpc';

const roleRank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** True when `role` is at least `least` (owner > admin > member). */
export const hasRole = (role: Role | undefined, least: Role): boolean =>
  role !== undefined && roleRank[role] >= roleRank[least];

/** Who I am in the active organization, and every organization I belong to. */
export const useAccount = () => {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions({}));
  const organizations = useQuery(trpc.me.organizations.queryOptions({}));
  const active = organizations.data?.organizations.find((organization) => organization.active);
  return { me, organizations, active, role: me.data?.role };
};
