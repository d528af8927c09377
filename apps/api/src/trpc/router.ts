import { createCallerFactory, router } from './init.js';
import { adminRouter } from './routers/admin.js';
import { organizationRouter } from './routers/organization.js';

export const appRouter = router({
  org: organizationRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
