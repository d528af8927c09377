import { describe, expect, it } from 'vitest';

import { EnvError, loadEnv, parseDurationSeconds } from './env.js';

const strongSecret = 'k3J9x!s8Qw2Zr7Lp0Vt4Yb6Nm1Hc5Gd9Fe3Aa7Ss0';

const errorOf = (source: NodeJS.ProcessEnv): string => {
  try {
    loadEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.message;
    throw error;
  }
  throw new Error('expected the environment to be refused');
};

describe('loadEnv', () => {
  it('has working defaults for local development', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 8000,
      MASTER_DB_NAME: 'orgsphere_master',
      JWT_EXPIRES_IN: 900,
    });
    expect(env.MONGO_URI).toBeUndefined();
    expect(env.CORS_ORIGINS).toEqual([]);
  });

  it('reads an empty JWT_SECRET as unset, never as an empty key', () => {
    expect(loadEnv({ JWT_SECRET: '' }).JWT_SECRET).toBe(loadEnv({}).JWT_SECRET);
    expect(loadEnv({}).JWT_SECRET.length).toBeGreaterThan(0);
  });

  it('parses ports, durations and origin lists', () => {
    const env = loadEnv({ PORT: '9000', JWT_EXPIRES_IN: '15m', CORS_ORIGINS: 'https://a.test, https://b.test' });
    expect(env.PORT).toBe(9000);
    expect(env.JWT_EXPIRES_IN).toBe(900);
    expect(env.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
  });

  it('names every invalid variable', () => {
    const message = errorOf({ PORT: 'eighty', MONGO_URI: 'http://db', JWT_EXPIRES_IN: 'soon', MASTER_DB_NAME: 'a.b' });
    for (const name of ['PORT', 'MONGO_URI', 'JWT_EXPIRES_IN', 'MASTER_DB_NAME']) expect(message).toContain(name);
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      MONGO_URI: 'mongodb://db:27017',
      CORS_ORIGINS: 'https://app.test',
      WEBHOOK_SECRETS_KEY: 'webhook-key-0123456789-0123456789-abc',
    };

    it('refuses a missing, short or default JWT_SECRET', () => {
      expect(errorOf(production)).toContain('JWT_SECRET');
      expect(errorOf({ ...production, JWT_SECRET: 'short' })).toContain('JWT_SECRET');
      expect(errorOf({ ...production, JWT_SECRET: '' })).toContain('JWT_SECRET');
      expect(errorOf({ ...production, JWT_SECRET: 'development-secret-change-me' })).toContain('JWT_SECRET');
    });

    it('refuses CORS_ORIGINS=* and a missing MONGO_URI', () => {
      expect(errorOf({ ...production, JWT_SECRET: strongSecret, CORS_ORIGINS: '*' })).toContain('CORS_ORIGINS');
      expect(errorOf({ ...production, JWT_SECRET: strongSecret, MONGO_URI: undefined })).toContain('MONGO_URI');
    });

    it('refuses a missing or short WEBHOOK_SECRETS_KEY', () => {
      expect(errorOf({ ...production, JWT_SECRET: strongSecret, WEBHOOK_SECRETS_KEY: undefined })).toContain(
        'WEBHOOK_SECRETS_KEY',
      );
      expect(errorOf({ ...production, JWT_SECRET: strongSecret, WEBHOOK_SECRETS_KEY: 'short' })).toContain(
        'WEBHOOK_SECRETS_KEY',
      );
    });

    it('starts with a strong secret and explicit origins', () => {
      expect(loadEnv({ ...production, JWT_SECRET: strongSecret }).NODE_ENV).toBe('production');
    });
  });
});

describe('parseDurationSeconds', () => {
  it('reads seconds, minutes, hours and days', () => {
    expect([
      parseDurationSeconds('90'),
      parseDurationSeconds('90s'),
      parseDurationSeconds('2m'),
      parseDurationSeconds('1h'),
      parseDurationSeconds('1d'),
    ]).toEqual([90, 90, 120, 3600, 86_400]);
    expect(parseDurationSeconds('0')).toBeUndefined();
    expect(parseDurationSeconds('-5m')).toBeUndefined();
  });
});

describe('operations settings', () => {
  it('reads pool sizes, metrics access and OpenTelemetry switches; empty means unset', () => {
    const env = loadEnv({
      MONGO_MAX_POOL_SIZE: '20',
      MONGO_SERVER_SELECTION_TIMEOUT_MS: '1500',
      METRICS_ALLOW_IPS: '10.0.0.0/8, 127.0.0.1,::1',
      METRICS_TOKEN: '',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
      REDIS_URL: '',
    });
    expect(env.MONGO_MAX_POOL_SIZE).toBe(20);
    expect(env.MONGO_SERVER_SELECTION_TIMEOUT_MS).toBe(1500);
    expect(env.METRICS_ALLOW_IPS).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(env.METRICS_TOKEN).toBeUndefined();
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('names bad operations settings', () => {
    const error = (() => {
      try {
        loadEnv({
          MONGO_MAX_POOL_SIZE: '0',
          METRICS_ALLOW_IPS: '10.0.0.0/33',
          METRICS_TOKEN: 'short',
          OTEL_TRACES_EXPORTER: 'zipkin',
        });
        return '';
      } catch (caught) {
        return (caught as Error).message;
      }
    })();
    for (const name of ['MONGO_MAX_POOL_SIZE', 'METRICS_ALLOW_IPS', 'METRICS_TOKEN', 'OTEL_TRACES_EXPORTER'])
      expect(error).toContain(name);
  });
});
