import { createInterface } from 'node:readline/promises';

import { createPasswordHasher, owaspArgon2idCost, assertPasswordPolicy } from '@orgsphere/core';

/**
 * Prints the argon2id hash of an operator password read from stdin (never from the
 * command line, which shells keep in their history), for an OPERATORS entry.
 */
const lines = createInterface({ input: process.stdin, terminal: false });
process.stderr.write('Operator password (then Enter): ');
const [password = ''] = await lines[Symbol.asyncIterator]()
  .next()
  .then((line) => [line.value as string | undefined]);
lines.close();
assertPasswordPolicy(password);
process.stdout.write(`${await createPasswordHasher(owaspArgon2idCost).hash(password)}\n`);
