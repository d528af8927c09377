import { createCallerFactory, router } from './init.js';
import { adminRouter } from './routers/admin.js';
import { organizationRouter } from './routers/organization.js';
import { operatorRouter } from './routers/operator.js';
import { organizationRecoveryRouter } from './routers/organization-recovery.js';

export const appRouter = router({
  org: { ...organizationRouter, ...organizationRecoveryRouter },
  admin: adminRouter,
  operator: operatorRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
