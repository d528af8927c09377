/**
 * Where the console lives: the path of index.html's `<base href>` (`/` in development,
 * `/console/` when the API serves it), so client routes work at any mount point.
 */
export const routerBasename = (baseUri: string = document.baseURI): string =>
  new URL(baseUri).pathname.replace(/\/+$/, '');

/** The API a static host names in index.html, so one build serves any API without a rebuild. */
export const apiUrlFromPage = (doc: Document = document): string | null =>
  doc.querySelector<HTMLMetaElement>('meta[name="orgsphere-api-url"]')?.content.trim() || null;

/**
 * The API the console talks to: VITE_ORGSPHERE_API_URL when the build names one, the
 * `orgsphere-api-url` meta tag of index.html when the host set it, the API started by
 * `pnpm dev` in development, and otherwise the origin that served the console.
 */
export const apiUrl = (): string => {
  const configured = import.meta.env.VITE_ORGSPHERE_API_URL as string | undefined;
  if (configured) return configured;
  const fromPage = apiUrlFromPage();
  if (fromPage) return fromPage;
  return import.meta.env.DEV ? 'http://127.0.0.1:8000' : window.location.origin;
};
