import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

import type { FastifyInstance } from 'fastify';

import type { Metrics } from '../observability/metrics.js';

export type MetricsAccess = {
  /** Required as `Authorization: Bearer <token>` when set. */
  token?: string | undefined;
  /** Client IPs or CIDRs allowed to scrape; empty allows any. */
  allowIps?: string[];
};

export type MetricsRouteOptions = { metrics: Metrics; access?: MetricsAccess };

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** "10.0.0.0/8", "192.168.1.7", "::1" -> one BlockList (used as an allow-list). */
export const parseAllowList = (entries: string[]): BlockList => {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) throw new Error(`METRICS_ALLOW_IPS: "${entry}" is not an IP address or CIDR`);
    if (prefix === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(prefix), family);
  }
  return list;
};

const allowed = (list: BlockList, ip: string) => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  const address = mapped ?? ip;
  return list.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
};

/** GET /metrics in Prometheus' text format, optionally behind a bearer token and an IP allow-list. */
export const metricsRoute = async (app: FastifyInstance, { metrics, access = {} }: MetricsRouteOptions) => {
  const allowList = access.allowIps && access.allowIps.length > 0 ? parseAllowList(access.allowIps) : undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i;

  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    if (allowList && !allowed(allowList, request.ip))
      return reply.code(403).send({ code: 'FORBIDDEN', message: 'Not allowed' });
    if (access.token) {
      const given = bearer.exec(request.headers.authorization ?? '')?.[1];
      if (!given || !sameSecret(given, access.token)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ code: 'UNAUTHORIZED', message: 'Send Authorization: Bearer <METRICS_TOKEN>' });
      }
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(body);
  });
};
