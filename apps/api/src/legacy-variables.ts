/**
 * Variables of the original Python deployments. OrgSphere reads none of them; a deployment
 * that still sets one would silently run with a default instead, so start-up names the
 * replacement.
 */
const replacements: Record<string, (value: string) => string> = {
  SECRET_KEY: () => 'JWT_SECRET',
  JWT_SECRET_KEY: () => 'JWT_SECRET',
  MONGODB_URL: () => 'MONGO_URI',
  MONGO_DB: () => 'MASTER_DB_NAME',
  MASTER_DB: () => 'MASTER_DB_NAME',
  ACCESS_TOKEN_EXPIRE_MINUTES: (minutes) => `JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=${minutes}m)`,
  JWT_EXPIRES_MINUTES: (minutes) => `JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=${minutes}m)`,
  JWT_EXP_MINUTES: (minutes) => `JWT_EXPIRES_IN (e.g. JWT_EXPIRES_IN=${minutes}m)`,
  JWT_ALGORITHM: () => 'JWT_SECRET (tokens are always HS256, signed with JWT_SECRET)',
};

export const legacyVariableNames = Object.keys(replacements);

/** One warning per legacy variable that is set, naming the OrgSphere variable to use instead. */
export const legacyVariableWarnings = (env: NodeJS.ProcessEnv): string[] =>
  Object.entries(replacements).flatMap(([name, replacement]) => {
    const value = env[name];
    if (value === undefined || value === '') return [];
    return [
      `${name} is set but OrgSphere does not read it (a variable of the original service): use ${replacement(value)} instead`,
    ];
  });
