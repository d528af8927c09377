import { AppError } from '../errors.js';

const maxUrlLength = 2_048;

export const webhookUrlRefused = (reason: string) =>
  new AppError('WEBHOOK_URL_REFUSED', `Webhook URL refused: ${reason}`, { field: 'url' });

/**
 * The URL's shape: https (http only where insecure targets are allowed, i.e. outside
 * production), no credentials, no fragment. Where it points is the target policy's job.
 */
export const parseWebhookUrl = (text: string, options: { allowInsecure: boolean }): URL => {
  if (text.length > maxUrlLength) throw webhookUrlRefused(`longer than ${maxUrlLength} characters`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw webhookUrlRefused('not an absolute URL');
  }
  if (url.protocol !== 'https:' && !(options.allowInsecure && url.protocol === 'http:'))
    throw webhookUrlRefused(options.allowInsecure ? 'use http:// or https://' : 'use https://');
  if (url.username || url.password) throw webhookUrlRefused('credentials in the URL are not allowed');
  if (url.hash) throw webhookUrlRefused('a fragment is not allowed');
  return url;
};
