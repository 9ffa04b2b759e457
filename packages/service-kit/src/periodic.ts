import type { Logger } from './logger.ts';
import { withRequestContext } from './request-context.ts';

export interface PeriodicTask {
  /** Runs the task now instead of at the next tick (it never runs twice at once); may be passed on as a callback. */
  nudge: () => void;
  /** Stops the loop and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs`, one run at a time. When a run reports it did a full batch
 * (returns true), the next run starts at once. Failures are logged and retried at the next tick.
 */
export function startPeriodic(name: string, intervalMs: number, task: () => Promise<boolean | void>, logger: Logger): PeriodicTask {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  // A nudge during a run: the run may have read before the nudger's work committed, so one more follows.
  let nudgedWhileRunning = false;

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    // A run does the work of whatever is due, not of the request that nudged it: it runs outside any
    // request's context (its log lines carry no request id).
    timer = withRequestContext(undefined, () => setTimeout(run, delay));
  };

  function run() {
    if (stopped) return;
    if (current) {
      nudgedWhileRunning = true;
      return;
    }
    nudgedWhileRunning = false;
    current = task()
      .then((more) => schedule(more || nudgedWhileRunning ? 0 : intervalMs))
      .catch((error: unknown) => {
        logger.error({ err: error, task: name }, 'periodic task failed');
        schedule(intervalMs);
      })
      .finally(() => (current = undefined));
  }

  schedule(0);
  return {
    nudge: () => schedule(0),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
