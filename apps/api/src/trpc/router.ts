import { createCallerFactory, router } from './init.js';
import { adminRouter } from './routers/admin.js';
import { organizationRouter } from './routers/organization.js';
import { organizationRecoveryRouter } from './routers/organization-recovery.js';

export const appRouter = router({
  org: { ...organizationRouter, ...organizationRecoveryRouter },
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
