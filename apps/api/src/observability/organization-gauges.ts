import type { Organization, OrganizationRepository, OrganizationState } from '@orgsphere/core';
import { Gauge } from 'prom-client';

import type { Metrics } from './metrics.js';

export type OrganizationGaugeOptions = {
  /** Operations untouched this long count as stuck: the reconciler's RECONCILE_STALE_AFTER. */
  staleAfterMs: number;
  /** Scrapes within this long reuse one database sample (several Prometheus servers, retries). */
  cacheMs?: number;
};

type Sample = { byState: Record<OrganizationState, number>; stuck: Organization[] };

/** States of an operation in flight; `active`, `deleted` and `suspended` are settled. */
type InFlightState = Exclude<OrganizationState, 'active' | 'deleted' | 'suspended'>;

const operationOf: Record<InFlightState, string> = {
  provisioning: 'create',
  renaming: 'rename',
  deleting: 'delete',
};
const stuckLimit = 1_000;

/**
 * Organization counts by state and lifecycle operations in flight or stuck, read from
 * the database when scraped (at most once per `cacheMs`). A failed read leaves the
 * gauges empty for that scrape rather than failing /metrics.
 */
export const registerOrganizationGauges = (
  metrics: Pick<Metrics, 'registry'>,
  organizations: Pick<OrganizationRepository, 'countByState' | 'findUnsettled'>,
  options: OrganizationGaugeOptions,
): void => {
  const cacheMs = options.cacheMs ?? 5_000;
  let cached: { at: number; sample: Promise<Sample | undefined> } | undefined;
  const sample = (): Promise<Sample | undefined> => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      cached = {
        at: Date.now(),
        sample: Promise.all([
          organizations.countByState(),
          organizations.findUnsettled(new Date(Date.now() - options.staleAfterMs), stuckLimit),
        ])
          .then(([byState, stuck]) => ({ byState, stuck }))
          .catch(() => undefined),
      };
    }
    return cached.sample;
  };
  /** A gauge filled from the shared sample at scrape time, empty when the sample failed. */
  const sampledGauge = <Label extends string>(
    name: string,
    help: string,
    label: Label,
    fill: (gauge: Gauge<Label>, current: Sample) => void,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const current = await sample();
        if (current) fill(this, current);
      },
    });

  sampledGauge(
    'orgsphere_organizations',
    'Organizations by lifecycle state (sampled from the database when scraped).',
    'state',
    (gauge, current) => {
      for (const [state, count] of Object.entries(current.byState)) gauge.set({ state }, count);
    },
  );
  sampledGauge(
    'orgsphere_lifecycle_operations_in_flight',
    'Create, rename and delete operations not yet settled (organizations provisioning, renaming or deleting).',
    'operation',
    (gauge, current) => {
      for (const [state, operation] of Object.entries(operationOf)) {
        gauge.set({ operation }, current.byState[state as OrganizationState] ?? 0);
      }
    },
  );
  sampledGauge(
    'orgsphere_lifecycle_operations_stuck',
    `Operations in flight for longer than the reconciler's staleness (interrupted; capped at ${stuckLimit}).`,
    'operation',
    (gauge, current) => {
      for (const operation of Object.values(operationOf)) gauge.set({ operation }, 0);
      for (const organization of current.stuck) {
        const operation = operationOf[organization.state as InFlightState];
        if (operation) gauge.inc({ operation });
      }
    },
  );
};
