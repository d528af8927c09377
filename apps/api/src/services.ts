import {
  createDomain,
  createPasswordHasher,
  createTokenService,
  owaspArgon2idCost,
  systemClock,
  type Domain,
  type PasswordHashCost,
} from '@orgsphere/core';
import { createMongoClient, openRepositories, pingDatabase } from '@orgsphere/db';

export type ServicesConfig = {
  mongoUri: string;
  masterDbName: string;
  jwt: { secret: string; issuer: string; audience: string; expiresInSeconds: number };
  passwordHashCost?: PasswordHashCost;
};

export type Services = {
  domain: Domain;
  /** True when the database answers a ping. */
  isReady: () => Promise<boolean>;
  close: () => Promise<void>;
};

/** Wires MongoDB -> repositories -> domain. The only place the api touches the driver's client. */
export const createServices = async (config: ServicesConfig): Promise<Services> => {
  const client = createMongoClient({ uri: config.mongoUri });
  await client.connect();
  try {
    const repositories = await openRepositories(client, config.masterDbName);
    const domain = createDomain({
      ...repositories,
      passwords: createPasswordHasher(config.passwordHashCost ?? owaspArgon2idCost),
      tokens: createTokenService(config.jwt),
      clock: systemClock,
      tenantDatabaseName: config.masterDbName,
    });
    return {
      domain,
      isReady: () => pingDatabase(client, config.masterDbName),
      close: () => client.close(),
    };
  } catch (error) {
    await client.close();
    throw error;
  }
};
