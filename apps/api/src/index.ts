export type { AppRouter } from './trpc/router.js';
export { appRouter } from './trpc/router.js';
export { buildApp, type AppOptions } from './app.js';
export { createServices, type Services, type ServicesConfig } from './services.js';
