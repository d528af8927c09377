import type { MongoClient } from 'mongodb';

/**
 * Calls `handler` as soon as the driver sees a connection to the database break
 * (the server went away), before any request fails on it: in-process caches use it
 * to stop answering from memory while the database is unreachable.
 */
export const onConnectionLoss = (client: MongoClient, handler: () => void): void => {
  client.on('connectionClosed', (event) => {
    if (event.reason === 'error') handler();
  });
  client.on('connectionPoolCleared', handler);
  client.on('serverHeartbeatFailed', handler);
};
