import { describe, expect, it } from 'vitest';

import { createMongoClient } from '../src/index.js';

// No replica set runs on these machines: this checks what the driver makes of the
// settings (parsing only, no connection); the API's scale-out test covers the rest.
describe('createMongoClient', () => {
  it('takes replica-set URIs with retryable writes and reads, pool bounds and timeouts', () => {
    const client = createMongoClient({
      uri: 'mongodb://mongo-0.mongo:27017,mongo-1.mongo:27017,mongo-2.mongo:27017/?replicaSet=rs0',
      maxPoolSize: 20,
      minPoolSize: 2,
      serverSelectionTimeoutMS: 1_500,
      connectTimeoutMS: 2_500,
    });
    expect(client.options.replicaSet).toBe('rs0');
    expect(client.options.hosts.map(String)).toEqual([
      'mongo-0.mongo:27017',
      'mongo-1.mongo:27017',
      'mongo-2.mongo:27017',
    ]);
    expect(client.options).toMatchObject({
      retryWrites: true,
      retryReads: true,
      maxPoolSize: 20,
      minPoolSize: 2,
      serverSelectionTimeoutMS: 1_500,
      connectTimeoutMS: 2_500,
      monitorCommands: true,
    });
  });

  it('takes mongodb+srv URIs (resolved at connect time)', () => {
    const client = createMongoClient({ uri: 'mongodb+srv://cluster0.example.net/?retryWrites=true&w=majority' });
    expect(client.options.srvHost).toBe('cluster0.example.net');
    expect(client.options.retryWrites).toBe(true);
    expect(client.options.maxPoolSize).toBe(50);
  });
});
