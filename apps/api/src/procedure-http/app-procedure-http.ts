import { createContextFactory, type ContextDeps } from '../trpc/context.js';
import { appRouter } from '../trpc/router.js';
import { createProcedureHttp, type ProcedureHttpOptions } from './procedure-http.js';

/** OrgSphere's router over HTTP: the one options object both faces and the hosting tests use. */
export const createAppProcedureHttp = (deps: ContextDeps, log: ProcedureHttpOptions['log']) => {
  const createContext = createContextFactory(deps);
  return createProcedureHttp({
    router: appRouter,
    createContext: (req) => createContext({ req }),
    log,
    createdByRest: ['org.create'],
  });
};
