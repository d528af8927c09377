import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

import { webhookUrlRefused, type WebhookTargetPolicy } from '@orgsphere/core';

import { forbiddenAddressReason } from './forbidden-addresses.js';

export type ResolvedAddress = { address: string; family: number };

/** Resolves a host name to every address it has (or the literal IP itself). */
export const resolveHost = async (host: string): Promise<ResolvedAddress[]> => {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family !== 0) return [{ address: bare, family }];
  return lookup(bare, { all: true, verbatim: true });
};

/**
 * The SSRF guard. With `allowPrivate` off (production) a URL is refused unless every
 * address its host resolves to is a public one; the sender checks again at every
 * attempt and connects only to the address it checked (see http-sender.ts).
 */
export const createTargetPolicy = (options: {
  allowPrivate: boolean;
}): WebhookTargetPolicy & {
  checkAddresses: (host: string) => Promise<ResolvedAddress[]>;
} => {
  const checkAddresses = async (host: string) => {
    let addresses: ResolvedAddress[];
    try {
      addresses = await resolveHost(host);
    } catch {
      throw webhookUrlRefused(`the host ${host} cannot be resolved`);
    }
    if (addresses.length === 0) throw webhookUrlRefused(`the host ${host} has no address`);
    if (!options.allowPrivate) {
      for (const { address } of addresses) {
        const reason = forbiddenAddressReason(address);
        if (reason) throw webhookUrlRefused(`${host} resolves to ${address} (${reason}), not a public address`);
      }
    }
    return addresses;
  };
  return {
    allowsInsecure: options.allowPrivate,
    check: async (url) => {
      // Outside production an unresolvable name is allowed at registration (the receiver may come later).
      if (options.allowPrivate) return;
      await checkAddresses(url.hostname);
    },
    checkAddresses,
  };
};
