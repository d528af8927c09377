import type { Env } from '../env.js';

type InfoLog = { info: (fields: Record<string, unknown>, message: string) => void };

/**
 * Without SMTP the inviter gets the accept link in the response. In development it is also
 * logged, so a developer can follow it; nowhere else, as a log is no place for a credential.
 */
export const undeliveredLinkLog = (
  env: Pick<Env, 'NODE_ENV'>,
  log: InfoLog,
): ((link: string, email: string) => void) | undefined =>
  env.NODE_ENV === 'development'
    ? (link, email) => log.info({ email, accept_link: link }, 'invitation not emailed (no SMTP_URL): accept link')
    : undefined;
