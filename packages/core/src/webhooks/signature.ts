import { createHmac, randomBytes } from 'node:crypto';

import { AppError } from '../errors.js';

const secretPrefix = 'whsec_';

/** A new endpoint secret, Standard Webhooks style: `whsec_` + base64 of 32 random bytes. */
export const newWebhookSecret = (): string => `${secretPrefix}${randomBytes(32).toString('base64')}`;

const secretKey = (secret: string): Buffer => {
  if (!secret.startsWith(secretPrefix)) throw new AppError('VALIDATION_FAILED', 'Webhook secrets start with whsec_');
  return Buffer.from(secret.slice(secretPrefix.length), 'base64');
};

/**
 * `webhook-signature` value for one message: `v1,<base64 HMAC-SHA256 of id.timestamp.body>`
 * per secret, space-separated (two during a rotation's overlap).
 * @see https://www.standardwebhooks.com
 */
export const signWebhook = (secrets: readonly string[], id: string, timestampSeconds: number, body: string): string =>
  secrets
    .map(
      (secret) =>
        `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`,
    )
    .join(' ');
