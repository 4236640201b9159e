import type { Scheduler } from "../../clock/event-loop.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { statusMessage } from "./json-progress.ts";
import type { EmitMessage } from "./message-stream.ts";

/** dockerd's transfer manager counts the wait down in one-second steps. */
const TICK_US = 1_000_000;
/** The n-th retry waits n × 5 s. */
const DELAY_STEP_SECONDS = 5;

/** One retry about to wait: which retry (from 1), how long, and the failure that caused it. */
export interface TransferRetry {
  readonly retry: number;
  readonly delaySeconds: number;
  readonly error: unknown;
}

/**
 * Runs one layer transfer as dockerd's xfer managers do: a failure that `retryable` accepts is
 * retried after 5 s, then 10, 15, … (the n-th retry waits n × 5 s), at most `retriesMax` times,
 * the layer's line counting down `Retrying in 5 seconds`, `Retrying in 4 seconds` … `Retrying
 * in 1 second` once a second on the scheduler (virtual time). Any other failure, or the last
 * one, is thrown as is. `cancelled` is checked every second: once the operation has failed
 * elsewhere the wait stops, as dockerd's cancelled context stops it.
 */
export async function retryTransfer<T>(options: {
  scheduler: Scheduler;
  emit: EmitMessage;
  /** The layer's id on its progress line. */
  id: string;
  /** Uploads retry 4 times (5 attempts), downloads 5 times (dockerd 20.10's defaults). */
  retriesMax: number;
  attempt: () => Promise<T>;
  retryable: (error: unknown) => boolean;
  cancelled?: () => boolean;
  onRetry?: (retry: TransferRetry) => void;
}): Promise<T> {
  const { scheduler, emit, id } = options;
  for (let retry = 1; ; retry++) {
    try {
      return await options.attempt();
    } catch (error) {
      if (retry > options.retriesMax || !options.retryable(error) || options.cancelled?.())
        throw error;
      const delaySeconds = retry * DELAY_STEP_SECONDS;
      options.onRetry?.({ retry, delaySeconds, error });
      for (let left = delaySeconds; left > 0; left--) {
        emit(statusMessage(id, `Retrying in ${left} second${left === 1 ? "" : "s"}`));
        await scheduler.sleep(TICK_US);
        if (options.cancelled?.()) {
          throw new DrydockError("Internal", "transfer cancelled during retry delay", {
            data: { id },
            cause: error,
          });
        }
      }
    }
  }
}
