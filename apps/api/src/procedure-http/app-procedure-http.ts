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
    restHeadersFor: (path, data) => (path === 'org.get' ? currentNameLocation(data) : undefined),
  });
};

/** An organization found by an old name points at its current name, as a moved resource would. */
const currentNameLocation = (data: unknown): Record<string, string> | undefined => {
  const found = data as { renamed_from?: unknown; organization_name?: unknown };
  if (typeof found.renamed_from !== 'string' || typeof found.organization_name !== 'string') return undefined;
  return { location: `/org/get?${new URLSearchParams({ organization_name: found.organization_name }).toString()}` };
};
