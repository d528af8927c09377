/** Makes new entity ids; tests pass a deterministic one. */
export type IdSource = () => string;

export const newIdFor = (deps: { newId?: IdSource | undefined }): string =>
  (deps.newId ?? (() => crypto.randomUUID()))();
