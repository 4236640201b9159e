import type { EventLoop } from "../clock/event-loop.ts";
import type { Engine } from "../engine/engine.ts";
import { assert } from "../errors/assert.ts";
import type { EngineCaller } from "../server/api-exchange.ts";

/** How the pacer runs a served world's loop. */
export interface EngineApiPacerOptions {
  readonly loop: EventLoop;
  readonly engine: Engine;
  /**
   * `true`: virtual time follows wall time (`sleep 2` takes 2 s); the world's clock first jumps
   * forward to the wall clock, so timestamps are real ones. `false`: events fire as fast as
   * they can, and time stands still while nothing is scheduled.
   */
  readonly paced: boolean;
  /**
   * How often a paced loop wakes while events are scheduled: every `tickMs` (default 2) after a
   * turn that fired events, backing off (doubling) to `tickMsMax` (default 20) while none fire.
   * The loop cannot tell when its next event is due, so it looks; this bounds the lateness.
   */
  readonly tickMs?: number;
  readonly tickMsMax?: number;
  /** Events one unpaced turn may fire before it lets I/O in (default 10 000). */
  readonly batchEventsMax?: number;
}

interface Job {
  start(): void;
  refuse(error: Error): void;
}

function wallUs(): number {
  return Date.now() * 1000;
}

/**
 * Serialises a server's engine calls onto one simulated world and runs that world's event loop
 * with the host's time. Calls are queued and started only between two of the loop's runs (never
 * inside one), in arrival order, so `/wait` registers its waiter before a `/start` sent after
 * its headers. The loop sleeps on a real timer while nothing is due, and wakes on a new call.
 */
export class EngineApiPacer implements EngineCaller {
  #loop: EventLoop;
  #engine: Engine;
  readonly #paced: boolean;
  readonly #tickMs: number;
  readonly #tickMsMax: number;
  #restMs: number;
  readonly #batchEventsMax: number;
  /** Virtual minus wall time (≥ 0: a saved world ahead of the wall clock stays ahead). */
  #offsetUs = 0;
  #queue: Job[] = [];
  #wake: (() => void) | undefined;
  #running: Promise<void> | undefined;
  #stopping = false;
  #pausing = false;
  #turns = 0;

  constructor(options: EngineApiPacerOptions) {
    this.#loop = options.loop;
    this.#engine = options.engine;
    this.#paced = options.paced;
    this.#tickMs = options.tickMs ?? 2;
    this.#tickMsMax = options.tickMsMax ?? 20;
    this.#restMs = this.#tickMs;
    this.#batchEventsMax = options.batchEventsMax ?? 10_000;
  }

  /** Turns of the loop so far (for tests and status). */
  get turns(): number {
    return this.#turns;
  }

  /** Whether the pacer drives the loop (started, and not paused or stopped). */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /** Whether nothing is queued and nothing is scheduled: a moment to save the world. */
  get idle(): boolean {
    return this.#queue.length === 0 && !this.#loop.hasPendingEvents;
  }

  call<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
    if (this.#stopping) return Promise.reject(new Error("the daemon is shutting down"));
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        start: () => {
          try {
            work(this.#engine).then(resolve, reject);
          } catch (error) {
            reject(error);
          }
        },
        refuse: reject,
      });
      this.#wake?.();
    });
  }

  /** Starts driving the loop. */
  start(): void {
    assert(this.#running === undefined, "the pacer is already running");
    if (this.#paced) {
      const now = this.#loop.clock.nowUs();
      const wall = wallUs();
      if (wall > now) this.#loop.clock.advanceTo(wall);
      this.#offsetUs = Math.max(0, now - wall);
    }
    this.#running = this.#pump();
  }

  /**
   * Stops driving the loop after the current turn, keeping queued calls for `resume`, which
   * may hand over another world (the same world, saved and opened again).
   */
  async pause(): Promise<void> {
    this.#pausing = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
    this.#pausing = false;
  }

  /** Drives the loop again, of the world given (or the same one). */
  resume(world?: { loop: EventLoop; engine: Engine }): void {
    if (world !== undefined) {
      this.#loop = world.loop;
      this.#engine = world.engine;
    }
    this.start();
  }

  /** Stops after the current turn; queued calls that did not start are refused. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    const refused = new Error("the daemon is shutting down");
    for (const job of this.#queue.splice(0)) job.refuse(refused);
  }

  async #pump(): Promise<void> {
    while (!this.#stopping && !this.#pausing) {
      const jobs = this.#queue;
      this.#queue = [];
      for (const job of jobs) job.start();
      this.#turns++;
      const firedBefore = this.#loop.firedCount;
      if (this.#paced) {
        await this.#loop.runUntilIdle({ untilUs: wallUs() + this.#offsetUs });
      } else {
        await this.#runBatch();
      }
      const quiet = jobs.length === 0 && this.#loop.firedCount === firedBefore;
      this.#restMs = quiet ? Math.min(this.#restMs * 2, this.#tickMsMax) : this.#tickMs;
      if (this.#queue.length > 0 || this.#stopping || this.#pausing) continue;
      await this.#rest(this.#loop.hasPendingEvents ? (this.#paced ? this.#restMs : 0) : undefined);
    }
  }

  /** Unpaced: fire what is scheduled, in batches, letting the job queue drain before each. */
  async #runBatch(): Promise<void> {
    for (let fired = 0; fired < this.#batchEventsMax; fired++) {
      await drain();
      if (this.#queue.length > 0 || !this.#loop.fireNext()) break;
    }
    await drain();
  }

  /** Waits for a new call, or `ms` (undefined: only for a call). */
  #rest(ms: number | undefined): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(done, ms);
      const self = this;
      function done(): void {
        if (timer !== undefined) clearTimeout(timer);
        self.#wake = undefined;
        resolve();
      }
      this.#wake = done;
    });
  }
}

function drain(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
