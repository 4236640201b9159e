import { formatDuration } from "../clock/time-format.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { World } from "../world/world.ts";

/**
 * Holds one step to its event limit, so that a runaway step (a container looping forever: each
 * millisecond of its simulated CPU is an event) fails with a clear message instead of running
 * on. Every drive of the world during the step goes through `drive`; once the step has fired
 * more events than it may, `exceeded` is set and every drive rejects with it. One drive cannot be
 * cut short from outside the loop, so the world's own cap on events per drive (`World.create`'s
 * `eventCountMax`, the largest step limit of the scenario) stops a drive that never ends.
 */
export class StepBudget {
  readonly #world: World;
  readonly #stepNumber: number;
  readonly #eventCountMax: number;
  readonly #driveEventCountMax: number;
  readonly #firstFired: number;
  readonly #startUs: number;
  #exceeded: LimitExceededError | undefined;

  constructor(options: {
    world: World;
    /** 1-based, as the walkthrough numbers steps. */
    stepNumber: number;
    eventCountMax: number;
    /** The world's cap on events per drive. */
    driveEventCountMax: number;
  }) {
    this.#world = options.world;
    this.#stepNumber = options.stepNumber;
    this.#eventCountMax = options.eventCountMax;
    this.#driveEventCountMax = options.driveEventCountMax;
    this.#firstFired = options.world.loop.firedCount;
    this.#startUs = options.world.clock.nowUs();
  }

  /** The error the step stopped with, once it has gone past its limit. */
  get exceeded(): LimitExceededError | undefined {
    return this.#exceeded;
  }

  /** Drives the world (`world.run`, `world.runUntilUs`) unless the step is past its limit. */
  async drive<T>(drive: () => Promise<T>): Promise<T> {
    if (this.#exceeded !== undefined) throw this.#exceeded;
    const before = this.#world.loop.firedCount;
    let result: T;
    try {
      result = await drive();
    } catch (error) {
      const capped = this.#world.loop.firedCount - before >= this.#driveEventCountMax;
      if (capped && error instanceof LimitExceededError) throw this.#exceed();
      throw error;
    }
    if (this.#world.loop.firedCount - this.#firstFired > this.#eventCountMax) throw this.#exceed();
    return result;
  }

  #exceed(): LimitExceededError {
    const fired = this.#world.loop.firedCount - this.#firstFired;
    const elapsed = formatDuration(this.#world.clock.nowUs() - this.#startUs);
    this.#exceeded ??= new LimitExceededError({
      what: `simulation events of step ${this.#stepNumber}`,
      limit: this.#eventCountMax,
      actual: fired,
      message:
        `step ${this.#stepNumber} stopped: it fired ${fired} events of the simulated world in ` +
        `${elapsed} of virtual time without finishing, past its limit of ${this.#eventCountMax} ` +
        "(a container looping forever?); raise it with limit: { events: N } on the step",
    });
    return this.#exceeded;
  }
}
