import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits: unguessable, so a fast hash is enough to make the stored form useless. */
export const generateInvitationToken = (): string => randomBytes(32).toString('base64url');

export const hashInvitationToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
