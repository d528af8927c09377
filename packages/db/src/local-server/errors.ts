/**
 * No local server can be provided on this machine. The message tells the user
 * what to do, so the error carries no stack trace: wherever it surfaces (pnpm db,
 * pnpm dev, a vitest global setup), only the message is printed.
 */
export class LocalMongoUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalMongoUnavailableError';
    this.stack = `${this.name}: ${message}`;
  }
}

export const setMongoUriHint = 'or set MONGO_URI=mongodb://HOST:PORT/ to use an existing MongoDB (6 or 7).';
