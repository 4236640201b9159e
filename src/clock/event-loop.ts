import { assert } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { Clock } from "./clock.ts";
import type { VirtualClock } from "./virtual-clock.ts";

/** What components see of the event loop: the time, and ways to wait for it to pass. */
export interface Scheduler {
  readonly clock: Clock;
  /** Resolves once `durationUs` of simulated time has passed. */
  sleep(durationUs: number): Promise<void>;
  /** Runs `callback` at `instantUs` (not before now). Returns a handle for `cancel`. */
  at(instantUs: number, label: string, callback: () => void): TimerHandle;
  after(durationUs: number, label: string, callback: () => void): TimerHandle;
  cancel(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly sequence: number;
}

interface Timer extends TimerHandle {
  readonly dueUs: number;
  readonly label: string;
  readonly callback: () => void;
  cancelled: boolean;
}

export interface EventLoopOptions {
  readonly clock: VirtualClock;
  /** How many events one `run*` call may fire before it stops with LimitExceeded. */
  readonly eventCountMax?: number;
}

/**
 * The discrete-event loop of a simulated world. Events are ordered by (due time, sequence): the
 * sequence number breaks ties, so the order is total and a replay fires events in exactly the same
 * order. Time jumps from one event to the next; nothing waits on the host's clock.
 *
 * Between two events the loop lets the JavaScript job queue drain completely (one macrotask turn),
 * so every promise chain an event started has run before time moves on. The simulated world must
 * therefore never wait on real I/O: a promise that settles only after a real read would settle at
 * an unpredictable point of simulated time.
 */
export class EventLoop implements Scheduler {
  readonly clock: VirtualClock;
  readonly #eventCountMax: number;
  readonly #heap: Timer[] = [];
  #sequence = 0;
  #firedCount = 0;
  /** Real I/O the world waits on (see `external`). */
  readonly #external = new Set<Promise<unknown>>();

  constructor(options: EventLoopOptions) {
    this.clock = options.clock;
    this.#eventCountMax = options.eventCountMax ?? 50_000_000;
  }

  /** Events fired since the loop was made. */
  get firedCount(): number {
    return this.#firedCount;
  }

  /** Whether any event that was not cancelled is waiting to fire. */
  get hasPendingEvents(): boolean {
    return this.#peekLive() !== undefined;
  }

  /** Events waiting to fire (cancelled ones included until they reach the top). */
  get pendingCount(): number {
    return this.#heap.length;
  }

  at(instantUs: number, label: string, callback: () => void): TimerHandle {
    assert(Number.isSafeInteger(instantUs), "instants are integer microseconds");
    const dueUs = Math.max(instantUs, this.clock.nowUs());
    const timer: Timer = { dueUs, label, callback, sequence: this.#sequence++, cancelled: false };
    this.#push(timer);
    return timer;
  }

  after(durationUs: number, label: string, callback: () => void): TimerHandle {
    assert(durationUs >= 0, "durations are non-negative");
    return this.at(this.clock.nowUs() + Math.round(durationUs), label, callback);
  }

  cancel(handle: TimerHandle): void {
    (handle as Timer).cancelled = true;
  }

  sleep(durationUs: number): Promise<void> {
    return new Promise((resolve) => {
      this.after(durationUs, "sleep", resolve);
    });
  }

  /**
   * Marks `work` as real I/O the world waits on (a request to a real registry over real
   * HTTP): until it settles, no event fires, so it takes no simulated time and a run does not
   * mistake the wait for a deadlock. Worlds that only simulate never call it.
   */
  external<T>(work: Promise<T>): Promise<T> {
    const tracked = work.then(
      () => undefined,
      () => undefined,
    );
    this.#external.add(tracked);
    void tracked.then(() => this.#external.delete(tracked));
    return work;
  }

  /** Lets the job queue drain, and real I/O in flight (see `external`) finish. */
  async #settle(): Promise<void> {
    await drainJobQueue();
    while (this.#external.size > 0) {
      await Promise.race(this.#external);
      await drainJobQueue();
    }
  }

  /**
   * Fires the next event, if any, after moving the clock to its due time. Synchronous: it does not
   * drain the job queue. Returns false when nothing is scheduled.
   */
  fireNext(): boolean {
    for (;;) {
      const timer = this.#pop();
      if (timer === undefined) return false;
      if (timer.cancelled) continue;
      this.clock.advanceTo(timer.dueUs);
      this.#firedCount++;
      timer.callback();
      return true;
    }
  }

  /** Runs events until none are left (or `untilUs` is reached). */
  async runUntilIdle(options: { untilUs?: number } = {}): Promise<void> {
    let fired = 0;
    for (;;) {
      await this.#settle();
      const next = this.#peekLive();
      if (next === undefined) {
        // Nothing left to fire: time still passes until the requested instant.
        if (options.untilUs !== undefined && options.untilUs > this.clock.nowUs()) {
          this.clock.advanceTo(options.untilUs);
        }
        return;
      }
      if (options.untilUs !== undefined && next.dueUs > options.untilUs) {
        this.clock.advanceTo(Math.max(this.clock.nowUs(), options.untilUs));
        return;
      }
      this.#checkBudget(++fired);
      this.fireNext();
    }
  }

  /**
   * Fires events, letting the job queue drain before each as `runUntil` does, until `count`
   * events have fired since the loop was made. Replaying a journal uses it to bring a world back
   * to exactly the point where a recorded interaction happened. Throws when the events run out.
   */
  async runUntilFired(count: number): Promise<void> {
    for (;;) {
      await this.#settle();
      if (this.#firedCount >= count) return;
      if (!this.fireNext()) {
        throw new DrydockError(
          "FailedPrecondition",
          `the world ran out of events after ${this.#firedCount} of ${count}`,
          {
            data: { fired: this.#firedCount, wanted: count },
          },
        );
      }
    }
  }

  /**
   * Drives the world until `work` settles, and returns its result. If nothing is scheduled while
   * `work` is still pending, nothing can ever settle it: that is a deadlock, reported as an error
   * rather than a hang.
   */
  async runUntil<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const watched = work.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    let fired = 0;
    for (;;) {
      await this.#settle();
      if (settled) return watched;
      if (this.#peekLive() === undefined) {
        throw new DrydockError(
          "FailedPrecondition",
          "simulation deadlock: work is pending but no event is scheduled",
          {
            data: { nowUs: this.clock.nowUs() },
          },
        );
      }
      this.#checkBudget(++fired);
      this.fireNext();
    }
  }

  #checkBudget(fired: number): void {
    if (fired > this.#eventCountMax) {
      throw new LimitExceededError({
        what: "simulation events in one run",
        limit: this.#eventCountMax,
      });
    }
  }

  #peekLive(): Timer | undefined {
    while (this.#heap.length > 0 && this.#heap[0]!.cancelled) this.#pop();
    return this.#heap[0];
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  #pop(): Timer | undefined {
    const heap = this.#heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === index) break;
      [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
      index = smallest;
    }
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.dueUs < b.dueUs || (a.dueUs === b.dueUs && a.sequence < b.sequence);
}

/**
 * Waits one macrotask turn, by which time every queued microtask (promise reaction) has run.
 * This is the loop's only contact with the host's scheduler, and it carries no notion of time.
 */
function drainJobQueue(): Promise<void> {
  const host = globalThis as { setImmediate?: (callback: () => void) => void };
  if (typeof host.setImmediate === "function") {
    return new Promise((resolve) => host.setImmediate!(resolve));
  }
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
