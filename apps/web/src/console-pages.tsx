import type { Role } from '@orgsphere/client';
import type { ComponentType } from 'react';

import { AcceptInvitationPage } from './pages/accept-invitation';
import { ApiKeysPage } from './pages/api-keys/api-keys-page';
import { AuditLogPage } from './pages/audit-log';
import { InvitationsPage } from './pages/invitations';
import { MembersPage } from './pages/members/members-page';
import { OverviewPage } from './pages/overview';
import { RestorePage } from './pages/restore';
import { SessionsPage } from './pages/sessions';
import { SettingsPage } from './pages/settings';
import { SignInPage } from './pages/sign-in';
import { SignUpPage } from './pages/sign-up';
import { WebhooksPage } from './pages/webhooks/webhooks-page';

export type ConsolePage = {
  /** Below the console's base path. */
  path: string;
  component: ComponentType;
  /** In the navigation, with this label; absent: reached by links only. */
  nav?: string;
  /** The least role whose members see it in the navigation (the API checks every call anyway). */
  minRole?: Role;
};

/**
 * Every page of the console. A new page is a file in pages/ and one line here; the router
 * and the navigation are built from these lists.
 */
export const signedInPages: ConsolePage[] = [
  { path: '/', component: OverviewPage, nav: 'Overview' },
  { path: '/members', component: MembersPage, nav: 'Members' },
  { path: '/invitations', component: InvitationsPage, nav: 'Invitations', minRole: 'admin' },
  { path: '/api-keys', component: ApiKeysPage, nav: 'API keys', minRole: 'admin' },
  { path: '/webhooks', component: WebhooksPage, nav: 'Webhooks', minRole: 'admin' },
  { path: '/audit-log', component: AuditLogPage, nav: 'Audit log', minRole: 'admin' },
  { path: '/sessions', component: SessionsPage, nav: 'My sessions' },
  { path: '/settings', component: SettingsPage, nav: 'Settings', minRole: 'owner' },
];

/** Pages for anyone; the accept and restore pages also work signed in. */
export const publicPages: ConsolePage[] = [
  { path: '/sign-in', component: SignInPage },
  { path: '/sign-up', component: SignUpPage },
  { path: '/invitations/accept', component: AcceptInvitationPage },
  { path: '/restore', component: RestorePage },
];
