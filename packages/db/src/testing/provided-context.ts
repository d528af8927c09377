import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's database server, provided by global-setup.ts. */
    mongoUri: string;
  }
}
