/**
 * Sources of the consumer project in consumer-project.test.ts: what another
 * repository would write against the published package.
 */

/** The README's TanStack Query example plus type checks; compiled, never run. */
export const consumerTypesSource = `
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { createOrgSphereClient, type AppRouter, type Organization } from '@orgsphere/client';

const queryClient = new QueryClient();
const trpc = createTRPCOptionsProxy<AppRouter>({
  client: createOrgSphereClient({ url: 'http://127.0.0.1:8000' }),
  queryClient,
});

export async function readOrganization(): Promise<Organization> {
  const options = trpc.org.get.queryOptions({ organization_name: 'Acme' });
  const org = await queryClient.fetchQuery(options);
  // @ts-expect-error organization_name is required
  trpc.org.get.queryOptions({});
  // @ts-expect-error limit is a number
  trpc.org.auditLog.queryOptions({ organization_name: 'Acme', limit: 'ten' });
  return org;
}
`;

/** The whole flow against a real server; prints FLOW OK and a JSON summary. */
export const consumerFlowSource = `
import {
  createMemoryTokenStorage,
  createOrgSphereClient,
  createOrgSphereSession,
  describeOrgSphereError,
  orgSphereErrorCodes,
  type AuditAction,
  type AuditEvent,
  type DeleteOrganizationResult,
  type OrgSphereErrorCode,
  type Organization,
  type SessionTokens,
  type TokenStorage,
} from '@orgsphere/client';

const url = process.env.ORGSPHERE_URL!;
const check = (condition: boolean, what: string) => {
  if (!condition) throw new Error('failed: ' + what);
};

// An app that keeps only the two tokens, so an expired token is found out by a 401.
const memory = createMemoryTokenStorage();
const storage: TokenStorage = {
  load: () => memory.load(),
  save: (tokens) => memory.save(tokens && { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }),
};
let refreshes = 0;
const countingFetch: typeof fetch = (input, init) => {
  refreshes += String(input).split('admin.refresh').length - 1;
  return fetch(input, init);
};
const ended: string[] = [];
const session = createOrgSphereSession({ url, storage, fetch: countingFetch, onSessionEnded: (reason) => ended.push(reason) });
const api = createOrgSphereClient({ url, session, fetch: countingFetch, headers: { 'x-app': 'consumer' } });

const suffix = Date.now().toString(36);
const name = 'Consumer ' + suffix;
const email = 'consumer.' + suffix + '@example.com';
const created: Organization = await api.org.create.mutate({ organization_name: name, email, password: 'first-pass-' + suffix });
const tokens: SessionTokens = await api.admin.login.mutate({ email, password: 'first-pass-' + suffix });
check(tokens.token_type === 'bearer', 'login');

const page = await api.org.auditLog.query({ organization_name: name, limit: 10 });
const actions: AuditAction[] = page.events.map((event: AuditEvent) => event.action);
check(actions.includes('admin.login'), 'audit log');

// Forced expiry: the access token lives two seconds on this server.
await new Promise((resolve) => setTimeout(resolve, 2300));
const pages = await Promise.all([1, 2, 3, 4, 5].map(() => api.org.auditLog.query({ organization_name: name, limit: 1 })));
check(pages.length === 5 && ended.length === 0, 'recovered from the expiry');

const changed = await api.admin.changePassword.mutate({ current_password: 'first-pass-' + suffix, new_password: 'second-pass-' + suffix });
check(changed.organization_id === created.organization_id, 'change password');
const missing = await api.org.get.query({ organization_name: 'Nobody ' + suffix }).catch((error: unknown) => error);
const details = describeOrgSphereError(missing);
const code: OrgSphereErrorCode | null = details.appCode;
check(details.status === 404 && code === orgSphereErrorCodes.ORG_NOT_FOUND, 'error details');

const deleted: DeleteOrganizationResult = await api.org.delete.mutate({ organization_name: name });
check(deleted.organization_id === created.organization_id, 'delete');
await api.admin.logout.mutate().catch(() => undefined);

console.log('FLOW OK ' + JSON.stringify({ refreshes, ended }));
`;
