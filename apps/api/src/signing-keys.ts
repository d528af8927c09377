import { deriveKeyId, type SigningKey } from '@orgsphere/core';

import type { Env } from './env.js';

/**
 * JWT_SECRET signs; JWT_PREVIOUS_SECRETS ("secret" or "id:secret") only verify,
 * so a rotation logs nobody out. Key ids default to a digest of the secret.
 */
export const signingKeysFromEnv = async (
  env: Pick<Env, 'JWT_SECRET' | 'JWT_KEY_ID' | 'JWT_PREVIOUS_SECRETS'>,
): Promise<SigningKey[]> => {
  const current: SigningKey = { id: env.JWT_KEY_ID ?? (await deriveKeyId(env.JWT_SECRET)), secret: env.JWT_SECRET };
  const previous = await Promise.all(
    env.JWT_PREVIOUS_SECRETS.map(async (entry): Promise<SigningKey> => {
      const separator = entry.indexOf(':');
      // A bare secret may itself contain ':'; only a short id-like prefix counts as an id.
      if (separator > 0 && /^[\w.-]{1,64}$/.test(entry.slice(0, separator))) {
        return { id: entry.slice(0, separator), secret: entry.slice(separator + 1) };
      }
      return { id: await deriveKeyId(entry), secret: entry };
    }),
  );
  return [current, ...previous.filter((key) => key.id !== current.id)];
};
