const hooks = new Set<() => void>();

const runHooks = (): void => {
  for (const hook of hooks) {
    try {
      hook();
    } catch {
      // Best effort: the process is exiting anyway.
    }
  }
};

/**
 * Runs `hook` (synchronously) when this process exits without having stopped its
 * servers, so no child is left behind. Returns a function that unregisters it.
 */
export const onProcessExit = (hook: () => void): (() => void) => {
  if (hooks.size === 0) process.on('exit', runHooks);
  hooks.add(hook);
  return () => {
    hooks.delete(hook);
    if (hooks.size === 0) process.off('exit', runHooks);
  };
};
