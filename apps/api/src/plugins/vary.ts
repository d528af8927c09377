import type { FastifyReply } from 'fastify';

/**
 * A Vary value with `fields` (comma-separated) added to `current`, each only if it is not
 * listed already and `*` is not: several parts of the pipeline vary an answer (CORS by
 * Origin, tRPC by its Accept headers), and a cache must see all of them.
 */
export const varyWith = (current: string | number | string[] | undefined, fields: string): string => {
  if (current === undefined || current === '') return fields;
  const value = Array.isArray(current) ? current.join(', ') : String(current);
  const listed = value.split(',').map((token) => token.trim().toLowerCase());
  if (listed.includes('*')) return value;
  let merged = value;
  for (const field of fields.split(',')) {
    const name = field.trim();
    if (name !== '' && !listed.includes(name.toLowerCase())) {
      merged = `${merged}, ${name}`;
      listed.push(name.toLowerCase());
    }
  }
  return merged;
};

/** Adds `fields` to the reply's Vary header (see varyWith). */
export const addToVary = (reply: FastifyReply, fields: string): void => {
  void reply.header('vary', varyWith(reply.getHeader('vary'), fields));
};
