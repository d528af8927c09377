/**
 * Verifies OrgSphere webhooks (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). WebCrypto only, so it runs in Node 20+, browsers, Deno and workers.
 * @see https://www.standardwebhooks.com
 */

export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export type VerifyWebhookOptions = {
  /** How far the timestamp may be from now, either way (default 300 s, as the specification suggests). */
  toleranceSeconds?: number;
  /** The current time in seconds (tests). */
  nowSeconds?: () => number;
};

/** The payload OrgSphere sends: `{ type, timestamp, data }`. */
export type WebhookMessage = { type: string; timestamp: string; data: Record<string, unknown> };

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

const header = (headers: WebhookHeaders, name: string): string | undefined => {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const value = record[name] ?? Object.entries(record).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(value) ? value[0] : value;
};

const base64ToBytes = (text: string): Uint8Array => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
const bytesToBase64 = (bytes: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(bytes)));

/** Same time whatever the inputs share, so a forger learns nothing from how long a refusal takes. */
const constantTimeEqual = (a: string, b: string): boolean => {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return difference === 0;
};

const hmacBase64 = async (secret: string, content: string): Promise<string> => {
  const raw = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  const key = await crypto.subtle.importKey('raw', base64ToBytes(raw), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return bytesToBase64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
};

/**
 * Checks a webhook request and returns its parsed payload, or throws WebhookVerificationError.
 * `payload` must be the raw request body, exactly as received. `secrets` may hold several
 * (e.g. old and new around a rotation); any valid signature by any of them passes.
 */
export const verifyWebhook = async (
  secrets: string | readonly string[],
  payload: string,
  headers: WebhookHeaders,
  options: VerifyWebhookOptions = {},
): Promise<WebhookMessage> => {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('Missing webhook headers');
  if (!/^\d+$/.test(timestamp)) throw new WebhookVerificationError('Invalid webhook-timestamp');
  const now = options.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - Number(timestamp)) > tolerance)
    throw new WebhookVerificationError('Message timestamp outside the tolerance');

  const offered = signatures
    .split(' ')
    .map((entry) => entry.split(','))
    .filter(([version, value]) => version === 'v1' && value)
    .map(([, value]) => value ?? '');
  const content = `${id}.${timestamp}.${payload}`;
  let valid = false;
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    const expected = await hmacBase64(secret, content);
    // Every comparison runs: no early exit on the first match.
    for (const signature of offered) valid = constantTimeEqual(expected, signature) || valid;
  }
  if (!valid) throw new WebhookVerificationError('No matching signature');
  return JSON.parse(payload) as WebhookMessage;
};
