import { describe, expectTypeOf, it } from 'vitest';

import type {
  AuditAction,
  AuditEvent,
  DeleteOrganizationResult,
  OperatorOrganization,
  OperatorOrganizationPage,
  OperatorSession,
  OrganizationState,
  OrgSphereClient,
  OrgSphereInputs,
  MySession,
  Organization,
  PurgeOrganizationResult,
  SessionTokens,
} from '../src/index.js';

describe('the types a consumer sees', () => {
  it("types org.auditLog's limit as a number and audit actions as their union", () => {
    expectTypeOf<OrgSphereInputs['org']['auditLog']['limit']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<AuditAction>().toEqualTypeOf<
      | 'org.create'
      | 'org.update'
      | 'org.delete'
      | 'org.restore'
      | 'org.purge'
      | 'admin.login'
      | 'admin.refresh'
      | 'admin.logout'
      | 'admin.logoutAll'
      | 'admin.revokeSession'
      | 'admin.changePassword'
      | 'admin.switchOrganization'
      | 'member.changeRole'
      | 'member.remove'
      | 'member.leave'
      | 'member.transferOwnership'
      | 'invitation.create'
      | 'invitation.revoke'
      | 'invitation.resend'
      | 'invitation.accept'
      | 'apiKey.create'
      | 'apiKey.revoke'
      | 'apiKey.rotate'
      | 'webhook.create'
      | 'webhook.update'
      | 'webhook.delete'
      | 'webhook.rotateSecret'
      | 'webhook.resend'
      | 'webhook.test'
    >();
    expectTypeOf<AuditEvent['outcome']>().toEqualTypeOf<'success' | 'failure'>();
  });

  it('types my sessions and the input that signs one out', () => {
    expectTypeOf<MySession>().toHaveProperty('current').toEqualTypeOf<boolean>();
    expectTypeOf<MySession>().toHaveProperty('user_agent').toEqualTypeOf<string | null>();
    expectTypeOf<OrgSphereInputs['me']['revokeSession']>().toEqualTypeOf<{ session_id: string }>();
  });

  it('names the organization, session tokens and delete result', () => {
    expectTypeOf<Organization>().toHaveProperty('organization_id').toEqualTypeOf<string>();
    expectTypeOf<Organization>().not.toHaveProperty('password_hash');
    expectTypeOf<SessionTokens['token_type']>().toEqualTypeOf<'bearer'>();
    expectTypeOf<DeleteOrganizationResult>().toEqualTypeOf<{
      message: string;
      organization_id: string;
      organization_name: string;
      purge_after: string | null;
      restore_token: string | null;
    }>();
  });

  it('lets logout be called without an argument, and change-password return session tokens', () => {
    expectTypeOf<OrgSphereClient['admin']['logout']['mutate']>().toBeCallableWith();
    expectTypeOf<
      OrgSphereClient['admin']['changePassword']['mutate']
    >().returns.resolves.toEqualTypeOf<SessionTokens>();
  });
});

describe('the lifecycle and operator types', () => {
  it('names restore, purge and the operator view', () => {
    expectTypeOf<OrgSphereInputs['org']['restore']>().toHaveProperty('restore_token');
    expectTypeOf<OrgSphereInputs['org']['purge']>().toHaveProperty('confirm_purge').toEqualTypeOf<string>();
    expectTypeOf<PurgeOrganizationResult['restore_token']>().toEqualTypeOf<string | null>();
    expectTypeOf<OperatorSession['access_token']>().toEqualTypeOf<string>();
    expectTypeOf<OperatorOrganizationPage['next_cursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<OperatorOrganization>().toHaveProperty('state');
    expectTypeOf<OrganizationState>().toEqualTypeOf<
      'provisioning' | 'active' | 'renaming' | 'deleting' | 'deleted' | 'suspended'
    >();
  });
});
