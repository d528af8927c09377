import type { MySession } from '@orgsphere/core';
import { z } from 'zod';
import { isoTime } from './iso-time.js';

export const mySessionSchema = z
  .object({
    session_id: z.string(),
    organization_id: z.string().describe('The organization this session’s tokens act in'),
    created_at: z.string().describe('ISO 8601 timestamp of the sign-in'),
    last_used_at: z.string().describe('ISO 8601 timestamp of the last sign-in, refresh or switch on it'),
    expires_at: z.string().describe('ISO 8601 timestamp; refreshing never extends it'),
    user_agent: z.string().nullable(),
    ip: z.string().nullable(),
    current: z.boolean().describe('The session of the access token making this call'),
  })
  .meta({ id: 'MySession' });

export const toMySessionOutput = (session: MySession): z.infer<typeof mySessionSchema> => ({
  session_id: session.id,
  organization_id: session.organizationId,
  created_at: isoTime(session.createdAt),
  last_used_at: isoTime(session.lastUsedAt),
  expires_at: isoTime(session.expiresAt),
  user_agent: session.userAgent,
  ip: session.ip,
  current: session.current,
});
