export type LifecycleStep =
  | 'create:name-claimed'
  | 'create:admin-created'
  | 'create:collection-created'
  | 'rename:intent-recorded'
  | 'rename:collection-moved'
  | 'soft-delete:recorded'
  | 'restore:sessions-revoked'
  | 'purge:intent-recorded'
  | 'delete:intent-recorded'
  | 'delete:collection-dropped'
  | 'delete:admins-deleted'
  | 'delete:audit-removed'
  | 'accept:claimed'
  | 'accept:user-created';

/**
 * Called after each step of a multi-step operation. Production leaves it unset;
 * fault-injection tests throw from it to simulate a crash between two steps.
 */
export type StepHook = (step: LifecycleStep) => void | Promise<void>;

export const reachedStep = async (deps: { onStep?: StepHook | undefined }, step: LifecycleStep): Promise<void> => {
  await deps.onStep?.(step);
};
