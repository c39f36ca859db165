import { log } from './log.ts';

/**
 * Runs `task` now and then every `intervalMs`, skipping a tick while a round is still running;
 * a failure is logged and the next round tries again. Returns a stop function that waits for a
 * round in progress.
 */
export function every(name: string, intervalMs: number, task: () => Promise<unknown>): () => Promise<void> {
  let current: Promise<void> | null = null;
  const round = () => {
    if (current) return;
    current = task()
      .then(() => undefined)
      .catch((error) => log.warn({ job: name, error: describe(error), retryInMs: intervalMs }, 'job failed'))
      .finally(() => {
        current = null;
      });
  };
  round();
  const timer = setInterval(round, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
