import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

import { isAppError, type WebhookSender } from '@orgsphere/core';

import type { ResolvedAddress } from './target-policy.js';

export type HttpSenderOptions = {
  /** Resolves and checks a host (the target policy); the request connects only to what it returned. */
  checkAddresses: (host: string) => Promise<ResolvedAddress[]>;
  timeoutMs: number;
};

const excerptBytes = 256;

/** A lookup that answers with the address already checked, so DNS cannot change it in between (rebinding). */
const pinnedLookup =
  (pinned: ResolvedAddress): LookupFunction =>
  (_hostname, options, callback) => {
    if (options.all) callback(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };

const readExcerpt = (response: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).toString('utf8').slice(0, excerptBytes));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      // Only a short excerpt is kept: the rest is not even read.
      if (size >= excerptBytes) {
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', done);
    response.on('close', done);
  });

/**
 * POSTs with a deadline for the whole exchange, never follows a redirect (a 3xx is a
 * failed attempt), and connects to the address the policy checked for this attempt.
 */
export const createHttpSender = (options: HttpSenderOptions): WebhookSender => ({
  send: async ({ url, headers, body }) => {
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    const failed = (error: string, statusCode: number | null = null, responseExcerpt: string | null = null) => ({
      ok: false,
      statusCode,
      latencyMs: latency(),
      error,
      responseExcerpt,
    });
    const target = new URL(url);
    let pinned: ResolvedAddress;
    try {
      const [first] = await options.checkAddresses(target.hostname);
      if (!first) return failed('no address');
      pinned = first;
    } catch (error) {
      return failed(isAppError(error) ? error.message : 'target refused');
    }
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
      const request = send(target, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(pinned),
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      request.on('response', (response) => {
        const statusCode = response.statusCode ?? 0;
        const latencyMs = latency();
        void readExcerpt(response).then((excerpt) => {
          if (statusCode >= 200 && statusCode < 300)
            resolve({ ok: true, statusCode, latencyMs, error: null, responseExcerpt: excerpt || null });
          else if (statusCode >= 300 && statusCode < 400)
            resolve({ ...failed('redirect not followed', statusCode, excerpt || null), latencyMs });
          else resolve({ ...failed(`HTTP ${statusCode}`, statusCode, excerpt || null), latencyMs });
        });
      });
      request.on('error', (error: Error) =>
        resolve(failed(error.name === 'AbortError' ? `timed out after ${options.timeoutMs} ms` : error.message)),
      );
      request.end(body);
    });
  },
});
