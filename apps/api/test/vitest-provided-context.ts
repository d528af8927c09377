import 'vitest';

/**
 * The same declaration as @orgsphere/db/testing's, made against the api's own copy of
 * vitest: pnpm installs a second copy here (its optional peers, OpenTelemetry and
 * esbuild, resolve differently in this package), and an augmentation only reaches
 * the copy it imports.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    mongoUri: string;
  }
}
