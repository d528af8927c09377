import { createCallerFactory, router } from './init.js';
import { apiKeysRouter } from './routers/api-keys.js';
import { adminRouter } from './routers/admin.js';
import { invitationsRouter } from './routers/invitations.js';
import { meRouter } from './routers/me.js';
import { membersRouter } from './routers/members.js';
import { organizationRouter } from './routers/organization.js';
import { webhooksRouter } from './routers/webhooks.js';
import { operatorRouter } from './routers/operator.js';
import { organizationRecoveryRouter } from './routers/organization-recovery.js';

export const appRouter = router({
  org: { ...organizationRouter, ...organizationRecoveryRouter },
  admin: adminRouter,
  members: membersRouter,
  me: meRouter,
  invitations: invitationsRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  operator: operatorRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
