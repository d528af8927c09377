import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The built console on a plain static host of its own origin, as a CDN would serve it:
 * files as they are, index.html for client routes, with the API named in the page's
 * `orgsphere-api-url` meta tag. The API on the other origin must allow it (CORS).
 */
export const startStaticHost = async (
  distDir: string,
  apiUrl: string,
): Promise<{ url: string; close: () => Promise<void> }> => {
  const indexHtml = (await readFile(join(distDir, 'index.html'), 'utf8')).replace(
    /<meta name="orgsphere-api-url" content="[^"]*"\s*\/?>/,
    `<meta name="orgsphere-api-url" content="${apiUrl}" />`,
  );
  if (!indexHtml.includes(apiUrl)) throw new Error('index.html has no orgsphere-api-url meta tag');
  const server: Server = createServer((request, response) => {
    const path = normalize(new URL(request.url ?? '/', 'http://host').pathname);
    if (extname(path) === '') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(indexHtml);
      return;
    }
    readFile(join(distDir, path)).then(
      (body) =>
        response.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};
