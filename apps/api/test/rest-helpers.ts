export type RestResponse = { status: number; body: any; headers: Headers };

/** A tiny JSON-over-HTTP client, as an internal service without the typed client would call us. */
export const restClient = (baseUrl: string) => {
  const send = async (
    method: string,
    path: string,
    options: { body?: unknown; token?: string; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<RestResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. Swagger UI's HTML): keep the text
    }
    return { status: response.status, body, headers: response.headers };
  };
  const query = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

  return {
    send,
    createOrg: (body: unknown) => send('POST', '/org/create', { body }),
    getOrg: (organizationName: string) => send('GET', `/org/get${query({ organization_name: organizationName })}`),
    updateOrg: (body: unknown, token?: string) => send('PUT', '/org/update', { body, ...(token ? { token } : {}) }),
    /** A soft delete, or with `confirmPurge` (the name again) an immediate purge. */
    deleteOrg: (organizationName: string, token?: string, options: { confirmPurge?: string } = {}) =>
      send(
        'DELETE',
        `/org/delete${query({
          organization_name: organizationName,
          ...(options.confirmPurge === undefined ? {} : { confirm_purge: options.confirmPurge }),
        })}`,
        token ? { token } : {},
      ),
    restoreOrg: (body: unknown) => send('POST', '/org/restore', { body }),
    purgeOrg: (body: unknown) => send('POST', '/org/purge', { body }),
    login: (body: unknown) => send('POST', '/admin/login', { body }),
  };
};

export type RestClient = ReturnType<typeof restClient>;

let counter = 0;
/** Unique names per test so tests never depend on each other's data. */
export const uniqueOrg = (label = 'Org') => {
  counter += 1;
  const suffix = `${Date.now().toString(36)}${counter}`;
  return {
    organization_name: `${label} ${suffix}`,
    email: `admin.${suffix}@example.com`,
    password: `Pass-${suffix}-word`,
  };
};
