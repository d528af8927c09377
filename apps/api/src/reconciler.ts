import type { ReconcileReport } from '@orgsphere/core';

export type ReconcilerOptions = {
  reconcile: () => Promise<ReconcileReport>;
  intervalMs: number;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
};

/**
 * Runs the lifecycle reconciler now and then every `intervalMs`, never two runs
 * at once in this process (the lease handles other processes).
 */
export const startReconciler = (options: ReconcilerOptions): { stop: () => Promise<void> } => {
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= options
      .reconcile()
      .then((report) => {
        if (report.rolledBack.length + report.completed.length + report.purged.length + report.failed.length > 0) {
          options.log.info({ reconcile: report }, 'settled interrupted organization operations and due purges');
        }
        if (report.failed.length > 0)
          options.log.warn({ failed: report.failed }, 'some operations could not be settled yet');
      })
      // A database outage is reported by /ready; the next run tries again.
      .catch((error: unknown) => options.log.warn({ err: error }, 'reconciler run failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  void runOnce();
  const timer = setInterval(() => void runOnce(), options.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
