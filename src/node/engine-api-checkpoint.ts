import type { ServedEngine } from "../server/served-engine.ts";
import type { EngineApiPacer } from "./engine-api-pacer.ts";

/** When a long-lived daemon saves its world between requests. */
export interface CheckpointOptions {
  /** How long the world must have been at rest, untouched, before it is saved (default 30 s). */
  readonly quietMs?: number;
  /** How often to look (default 1 s). */
  readonly checkEveryMs?: number;
}

/**
 * Saves a daemon's world to its data root at rest, so a crash loses little, and the journal of
 * interactions (which grows with every call) starts again from empty. Saving closes the engine
 * host, which writes the state, and opens it again from that state: the same world, a fresh
 * journal. In-memory history goes with it, as at a dockerd restart: the events before the save
 * no longer show in `docker events --since`, finished exec instances are forgotten.
 *
 * At rest means: no request in flight (no stream, no attach), nothing queued or scheduled, and
 * no container running (a journal of a paced world could not be replayed: its clock followed
 * the wall clock).
 */
export class EngineApiCheckpoint {
  readonly #pacer: EngineApiPacer;
  readonly #activeCount: () => number;
  readonly #reopen: () => Promise<ServedEngine>;
  readonly #onSaved: (served: ServedEngine) => void;
  readonly #quietMs: number;
  readonly #timer: ReturnType<typeof setInterval>;
  #seenTurns: number;
  #savedTurns: number;
  #quietSinceMs = Date.now();
  #saving: Promise<void> | undefined;

  constructor(options: {
    pacer: EngineApiPacer;
    /** Requests being served (streams and hijacked connections included). */
    activeCount: () => number;
    current: () => ServedEngine;
    reopen: () => Promise<ServedEngine>;
    onSaved: (served: ServedEngine) => void;
    onError: (error: unknown) => void;
    timing?: CheckpointOptions;
  }) {
    this.#pacer = options.pacer;
    this.#activeCount = options.activeCount;
    this.#reopen = async () => {
      await options.current().host.close();
      return options.reopen();
    };
    this.#onSaved = options.onSaved;
    this.#quietMs = options.timing?.quietMs ?? 30_000;
    this.#seenTurns = this.#pacer.turns;
    this.#savedTurns = this.#pacer.turns;
    this.#timer = setInterval(() => {
      this.#check().catch(options.onError);
    }, options.timing?.checkEveryMs ?? 1_000);
    this.#timer.unref();
  }

  /** Whether the world changed (or was read) since it was last saved. */
  get dirty(): boolean {
    return this.#pacer.turns !== this.#savedTurns;
  }

  /** Stops looking, and waits for a save under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#saving;
  }

  async #check(): Promise<void> {
    if (this.#saving !== undefined) return;
    const turns = this.#pacer.turns;
    if (turns !== this.#seenTurns) {
      this.#seenTurns = turns;
      this.#quietSinceMs = Date.now();
      return;
    }
    if (!this.dirty || Date.now() - this.#quietSinceMs < this.#quietMs) return;
    if (this.#activeCount() > 0 || !this.#pacer.idle) return;
    this.#saving = this.#save().finally(() => {
      this.#saving = undefined;
    });
    await this.#saving;
  }

  async #save(): Promise<void> {
    const running = await this.#pacer.call((engine) =>
      engine.containerList({ filters: { status: ["running"] } }),
    );
    await this.#pacer.pause();
    try {
      if (running.length > 0 || !this.#pacer.idle) return;
      const served = await this.#reopen();
      this.#onSaved(served);
      this.#pacer.resume({ loop: served.loop, engine: served.host.engine });
      this.#savedTurns = this.#pacer.turns;
      this.#seenTurns = this.#savedTurns;
      return;
    } finally {
      if (!this.#pacer.running) this.#pacer.resume();
    }
  }
}
