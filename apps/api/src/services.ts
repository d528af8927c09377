import { hostname } from 'node:os';

import {
  createDomain,
  createPasswordHasher,
  createTokenService,
  owaspArgon2idCost,
  reconcileOrganizations,
  systemClock,
  type Domain,
  type DomainDeps,
  type PasswordHashCost,
  type ReconcileOptions,
  type ReconcileReport,
} from '@orgsphere/core';
import { createMongoClient, openRepositories, pingDatabase, type Repositories } from '@orgsphere/db';

export type ServicesConfig = {
  mongoUri: string;
  masterDbName: string;
  jwt: { secret: string; issuer: string; audience: string; expiresInSeconds: number };
  passwordHashCost?: PasswordHashCost;
  /** Fault injection for tests: see DomainDeps.onStep. */
  onStep?: DomainDeps['onStep'];
  /** Fail calls after this long without a reachable database (default 3 s). */
  serverSelectionTimeoutMS?: number;
};

export type Services = {
  domain: Domain;
  repositories: Repositories;
  /** True when the database answers a ping within a second. */
  isReady: () => Promise<boolean>;
  /** Settles interrupted lifecycle operations (see core's reconcileOrganizations). */
  reconcile: (options?: Partial<ReconcileOptions>) => Promise<ReconcileReport>;
  close: () => Promise<void>;
};

const readinessTimeoutMs = 1_000;
export const defaultStaleAfterMs = 30_000;

/** Wires MongoDB -> repositories -> domain. The only place the api touches the driver's client. */
export const createServices = async (config: ServicesConfig): Promise<Services> => {
  const client = createMongoClient({
    uri: config.mongoUri,
    ...(config.serverSelectionTimeoutMS === undefined ? {} : { serverSelectionTimeoutMS: config.serverSelectionTimeoutMS }),
  });
  await client.connect();
  try {
    const repositories = await openRepositories(client, config.masterDbName);
    const deps: DomainDeps = {
      ...repositories,
      passwords: createPasswordHasher(config.passwordHashCost ?? owaspArgon2idCost),
      tokens: createTokenService(config.jwt),
      clock: systemClock,
      tenantDatabaseName: config.masterDbName,
      ...(config.onStep ? { onStep: config.onStep } : {}),
    };
    const instanceId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
    return {
      domain: createDomain(deps),
      repositories,
      isReady: () => pingDatabase(client, config.masterDbName, readinessTimeoutMs),
      reconcile: (options) =>
        reconcileOrganizations(
          { ...repositories, clock: systemClock, instanceId },
          { staleAfterMs: defaultStaleAfterMs, ...options },
        ),
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
};
