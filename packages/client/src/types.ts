import type { AppRouter } from '@orgsphere/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };

/** Inputs of every procedure, e.g. `OrgSphereInputs['org']['create']`. */
export type OrgSphereInputs = inferRouterInputs<AppRouter>;
/** Outputs of every procedure, e.g. `OrgSphereOutputs['admin']['login']`. */
export type OrgSphereOutputs = inferRouterOutputs<AppRouter>;

/** An organization as the API returns it (never a password hash). */
export type Organization = OrgSphereOutputs['org']['get'];
/** What `admin.login`, `admin.refresh` and `admin.changePassword` return. */
export type SessionTokens = OrgSphereOutputs['admin']['login'];
/** @deprecated use `SessionTokens` */
export type LoginResult = SessionTokens;
/** What `org.delete` and `org.purge` return; `restore_token` undoes a soft delete at `org.restore`. */
export type DeleteOrganizationResult = OrgSphereOutputs['org']['delete'];
/** One page of `org.auditLog`. */
export type AuditLogPage = OrgSphereOutputs['org']['auditLog'];
/** One entry of an organization's audit trail. */
export type AuditEvent = AuditLogPage['events'][number];
/** What the audit trail records, e.g. `'admin.login'`. */
export type AuditAction = AuditEvent['action'];

export type Member = OrgSphereOutputs['members']['list']['members'][number];
export type Role = Member['role'];
export type MyOrganization = OrgSphereOutputs['me']['organizations']['organizations'][number];
/** One of the caller's signed-in sessions (`me.sessions`); `current` marks the caller's own. */
export type MySession = OrgSphereOutputs['me']['sessions']['sessions'][number];
export type Invitation = OrgSphereOutputs['invitations']['list']['invitations'][number];
export type SentInvitation = OrgSphereOutputs['invitations']['create'];
/** An organization API key as listed (never its secret). */
export type ApiKey = OrgSphereOutputs['apiKeys']['list']['api_keys'][number];
/** What `apiKeys.create` and `apiKeys.rotate` return: the key and its secret, shown this once. */
export type IssuedApiKey = OrgSphereOutputs['apiKeys']['create'];
/** A permission an API key can be given, e.g. `'members.read'`. */
export type ApiKeyScope = ApiKey['scopes'][number];

/** A webhook endpoint as listed (never its signing secret). */
export type WebhookEndpoint = OrgSphereOutputs['webhooks']['list']['endpoints'][number];
/** What `webhooks.create` and `webhooks.rotateSecret` return: the endpoint and its signing secret, shown this once. */
export type WebhookEndpointWithSecret = OrgSphereOutputs['webhooks']['create'];
/** An event an endpoint can subscribe to, e.g. `'member.joined'`. */
export type WebhookEventType = WebhookEndpoint['event_types'][number];
/** One delivery of an event to an endpoint (`webhooks.deliveries`), with its last attempt. */
export type WebhookDelivery = OrgSphereOutputs['webhooks']['deliveries']['deliveries'][number];

/** What `org.purge` returns (and `org.delete` with `confirm_purge`). */
export type PurgeOrganizationResult = OrgSphereOutputs['org']['purge'];
/** What `operator.login` returns: an operator token (its own audience; no organization's token). */
export type OperatorSession = OrgSphereOutputs['operator']['login'];
/** One page of `operator.list`; pass `next_cursor` back as `cursor`. */
export type OperatorOrganizationPage = OrgSphereOutputs['operator']['list'];
/** One organization as an operator sees it (any state), from `operator.get`, `suspend` and `unsuspend`. */
export type OperatorOrganization = OrgSphereOutputs['operator']['get'];
/** How many organizations are in each state, from `operator.counts`. */
export type OrganizationCounts = OrgSphereOutputs['operator']['counts'];
/** Every state an organization can be in. */
export type OrganizationState = keyof OrganizationCounts;
