export type WebhookDispatcherOptions = {
  /** Moves outbox events into deliveries (idempotent). */
  relayPending: () => Promise<unknown>;
  /** Claims and attempts one due delivery; false when none is due. */
  dispatchNext: () => Promise<boolean>;
  /** When the earliest pending delivery is due, to wake up for retries in time. */
  nextDueAt: () => Promise<Date | null>;
  pollIntervalMs: number;
  /** Deliveries attempted at once by this instance. */
  concurrency: number;
  log: { warn: (obj: object, msg: string) => void };
};

export type WebhookDispatcher = { nudge: () => void; stop: () => Promise<void> };

const minimumSleepMs = 10;

/**
 * Relays the outbox and sends what is due, then sleeps until the poll interval or the
 * next due retry, whichever is first. `nudge` (this instance recorded an event) runs
 * a round at once, so nothing waits for the poll and no instance polls in a tight loop.
 */
export const startWebhookDispatcher = (options: WebhookDispatcherOptions): WebhookDispatcher => {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  const worker = async () => {
    while (!stopped && (await options.dispatchNext())) {
      // keep going while deliveries are due
    }
  };

  const round = async () => {
    await options.relayPending();
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  };

  const sleepMs = async () => {
    const due = await options.nextDueAt().catch(() => null);
    const untilDue = due ? due.getTime() - Date.now() : options.pollIntervalMs;
    return Math.max(minimumSleepMs, Math.min(options.pollIntervalMs, untilDue));
  };

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = round()
      .catch((error: unknown) => options.log.warn({ err: error }, 'webhook dispatch round failed'))
      .then(async () => (again ? minimumSleepMs : await sleepMs()))
      .then((ms) => {
        running = undefined;
        again = false;
        if (stopped) return;
        timer = setTimeout(run, ms);
        timer.unref();
      });
  };

  run();
  return {
    nudge: run,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
