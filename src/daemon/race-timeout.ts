import type { Scheduler } from "../clock/event-loop.ts";

/**
 * Waits for `work` at most `durationUs` of simulated time. Resolves true if it settled in time,
 * false otherwise; the timer is cancelled either way, so nothing is left in the event queue.
 */
export function settlesWithin(
  scheduler: Scheduler,
  work: Promise<unknown>,
  durationUs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const timer = scheduler.after(durationUs, "daemon.timeout", () => {
      if (done) return;
      done = true;
      resolve(false);
    });
    const finish = (): void => {
      if (done) return;
      done = true;
      scheduler.cancel(timer);
      resolve(true);
    };
    work.then(finish, finish);
  });
}
