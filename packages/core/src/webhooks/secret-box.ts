import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Seals endpoint secrets at rest. They must be recoverable to sign, so they are
 * encrypted (AES-256-GCM, a fresh 96-bit nonce each time), not hashed.
 */
export type SecretBox = { seal(plain: string): string; open(sealed: string): string };

const version = 'v1';

/** `key` is 32 bytes; anything else is taken as a passphrase and hashed to 32 bytes. */
export const createSecretBox = (key: Buffer | string): SecretBox => {
  const bytes = typeof key === 'string' || key.length !== 32 ? createHash('sha256').update(key).digest() : key;
  return {
    seal: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', bytes, iv);
      const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(
        ':',
      );
    },
    open: (text) => {
      const [tag, iv = '', authTag = '', sealed = ''] = text.split(':');
      if (tag !== version) throw new Error('Unknown sealed secret format');
      const decipher = createDecipheriv('aes-256-gcm', bytes, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(authTag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
    },
  };
};
