import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export type ConsoleOptions = {
  /** The console's built files (`apps/web/dist`): index.html and assets/. */
  dir: string;
};

/** Where the console is served; its client routes live below it. */
export const consolePrefix = '/console';

/**
 * The console's pages load only their own scripts and styles and talk only to this API.
 * Swagger UI keeps the API's looser defaults; this applies to the console's HTML alone.
 */
export const consoleContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The built console (a static single-page app) under /console: hashed assets are cached for
 * a year, index.html never without revalidation, and any other path without a file extension
 * is a client route answered with index.html. The build is relative (`base: './'`); its
 * `<base href="/">` is pointed at /console/ here, so deep links resolve assets and routes.
 */
export const consoleRoutes = fp(
  async (app: FastifyInstance, { dir }: ConsoleOptions) => {
    const indexHtml = (await readFile(join(dir, 'index.html'), 'utf8')).replace(
      /<base href="[^"]*"\s*\/?>/,
      `<base href="${consolePrefix}/" />`,
    );
    await app.register(fastifyStatic, {
      root: join(dir, 'assets'),
      prefix: `${consolePrefix}/assets/`,
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
    const sendIndex = (reply: FastifyReply) =>
      reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', consoleContentSecurityPolicy)
        .type('text/html; charset=utf-8')
        .send(indexHtml);
    const hidden = { schema: { hide: true } };
    app.get(consolePrefix, hidden, (_request, reply) => reply.redirect(`${consolePrefix}/`, 308));
    app.get(`${consolePrefix}/*`, hidden, (request, reply) => {
      const path = (request.params as { '*': string })['*'];
      // A missing file stays a 404; only extensionless paths are client routes.
      if (extname(path) !== '') return reply.callNotFound();
      return sendIndex(reply);
    });
  },
  { name: 'console-routes' },
);
