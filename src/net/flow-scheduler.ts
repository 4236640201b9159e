import type { Scheduler, TimerHandle } from "../clock/event-loop.ts";
import { assert } from "../errors/assert.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { TransferProgress } from "../registry/registry-http.ts";
import { maxMinRates } from "./max-min-rates.ts";

/** One direction of a link (or any shared resource), with the capacity flows share. */
export interface Channel {
  /** Stable identity: resources are ordered by it when rates tie. */
  readonly id: number;
  readonly capacityBytesPerSecond: number;
}

/** A transfer in progress; `abort` ends it at once (its promise then never settles). */
export interface FlowHandle {
  readonly done: Promise<void>;
  abort(): void;
}

/** What `FlowScheduler.start` needs. */
export interface FlowOptions {
  readonly channels: readonly Channel[];
  readonly sizeBytes: number;
  readonly onProgress?: (progress: TransferProgress) => void;
}

interface Flow {
  readonly id: number;
  readonly channels: readonly Channel[];
  readonly totalBytes: number;
  readonly stepBytes: number;
  readonly onProgress: ((progress: TransferProgress) => void) | undefined;
  readonly resolve: () => void;
  doneBytes: number;
  nextReportBytes: number;
  rateBytesPerSecond: number;
}

/** Progress is reported every 512 KiB, or in at most 100 steps for bigger transfers. */
const PROGRESS_STEP_BYTES = 512 * 1024;
const PROGRESS_STEP_COUNT_MAX = 100;
/** Slack for floating-point noise when a flow reaches a milestone (µs). */
const SLACK_US = 1e-7;

/**
 * Transfers as fluid flows: between two events every flow moves at its max-min fair rate over
 * the channels it crosses (`maxMinRates`), and rates are recomputed whenever a flow starts or
 * ends or a capacity changes. One timer stands for the next instant anything happens (a flow
 * finishing or passing a progress milestone), rounded up to whole microseconds, so a lone
 * transfer of N bytes at B bytes/s takes exactly ceil(N·10⁶/B) µs.
 */
export class FlowScheduler {
  readonly #scheduler: Scheduler;
  readonly #flowCountMax: number;
  readonly #flows = new Map<number, Flow>();
  #nextId = 0;
  #lastUs: number;
  #timer: TimerHandle | undefined;

  constructor(options: { scheduler: Scheduler; flowCountMax?: number }) {
    this.#scheduler = options.scheduler;
    this.#flowCountMax = options.flowCountMax ?? 100_000;
    this.#lastUs = options.scheduler.clock.nowUs();
  }

  /** Flows in progress. */
  get flowCount(): number {
    return this.#flows.size;
  }

  /** The current rate of every flow, in start order (for tests and checkers). */
  rates(): number[] {
    return [...this.#flows.values()].map((flow) => flow.rateBytesPerSecond);
  }

  /** Starts moving `sizeBytes` over `channels`; an empty transfer is done at once. */
  start(options: FlowOptions): FlowHandle {
    assert(Number.isSafeInteger(options.sizeBytes) && options.sizeBytes >= 0, "bad transfer size");
    assert(options.channels.length > 0, "a transfer crosses at least one channel");
    if (options.sizeBytes === 0) return { done: Promise.resolve(), abort: () => undefined };
    if (this.#flows.size >= this.#flowCountMax) {
      throw new LimitExceededError({ what: "transfers in flight", limit: this.#flowCountMax });
    }
    this.#advance();
    let resolve!: () => void;
    const done = new Promise<void>((settle) => {
      resolve = settle;
    });
    const stepBytes = Math.max(
      PROGRESS_STEP_BYTES,
      Math.ceil(options.sizeBytes / PROGRESS_STEP_COUNT_MAX),
    );
    const flow: Flow = {
      id: this.#nextId++,
      channels: [...new Set(options.channels)],
      totalBytes: options.sizeBytes,
      stepBytes,
      onProgress: options.onProgress,
      resolve,
      doneBytes: 0,
      nextReportBytes: Math.min(stepBytes, options.sizeBytes),
      rateBytesPerSecond: 0,
    };
    this.#flows.set(flow.id, flow);
    this.#reschedule();
    return {
      done,
      abort: () => {
        if (!this.#flows.has(flow.id)) return;
        this.#advance();
        this.#flows.delete(flow.id);
        this.#reschedule();
      },
    };
  }

  /** A channel's capacity changed: flows in progress keep what they moved and go on at new rates. */
  capacityChanged(): void {
    this.#advance();
    this.#reschedule();
  }

  #advance(): void {
    const nowUs = this.#scheduler.clock.nowUs();
    const elapsedUs = nowUs - this.#lastUs;
    this.#lastUs = nowUs;
    if (elapsedUs <= 0) return;
    for (const flow of this.#flows.values()) {
      flow.doneBytes = Math.min(
        flow.totalBytes,
        flow.doneBytes + (flow.rateBytesPerSecond * elapsedUs) / 1e6,
      );
    }
  }

  #reschedule(): void {
    if (this.#timer !== undefined) this.#scheduler.cancel(this.#timer);
    this.#timer = undefined;
    if (this.#flows.size === 0) return;
    const channelIndex = new Map<Channel, number>();
    const channels = [...new Set([...this.#flows.values()].flatMap((flow) => flow.channels))];
    channels.sort((a, b) => a.id - b.id);
    for (const [index, channel] of channels.entries()) channelIndex.set(channel, index);
    const flows = [...this.#flows.values()];
    const rates = maxMinRates(
      flows.map((flow) => flow.channels.map((channel) => channelIndex.get(channel)!)),
      channels.map((channel) => channel.capacityBytesPerSecond),
    );
    let nextUs = Number.POSITIVE_INFINITY;
    for (const [index, flow] of flows.entries()) {
      flow.rateBytesPerSecond = rates[index]!;
      if (flow.rateBytesPerSecond <= 0) continue;
      const waitUs = ((flow.nextReportBytes - flow.doneBytes) * 1e6) / flow.rateBytesPerSecond;
      nextUs = Math.min(nextUs, Math.max(0, Math.ceil(waitUs - SLACK_US)));
    }
    if (nextUs === Number.POSITIVE_INFINITY) return;
    this.#timer = this.#scheduler.after(nextUs, "net.flow", () => this.#tick());
  }

  #tick(): void {
    this.#timer = undefined;
    this.#advance();
    const finished: Flow[] = [];
    for (const flow of this.#flows.values()) {
      while (reached(flow)) {
        if (flow.nextReportBytes >= flow.totalBytes) {
          flow.doneBytes = flow.totalBytes;
          finished.push(flow);
          break;
        }
        flow.onProgress?.({ doneBytes: flow.nextReportBytes, totalBytes: flow.totalBytes });
        flow.nextReportBytes = Math.min(flow.nextReportBytes + flow.stepBytes, flow.totalBytes);
      }
    }
    for (const flow of finished) this.#flows.delete(flow.id);
    this.#reschedule();
    for (const flow of finished) {
      flow.onProgress?.({ doneBytes: flow.totalBytes, totalBytes: flow.totalBytes });
      flow.resolve();
    }
  }
}

function reached(flow: Flow): boolean {
  if (flow.doneBytes >= flow.nextReportBytes) return true;
  if (flow.rateBytesPerSecond <= 0) return false;
  return ((flow.nextReportBytes - flow.doneBytes) * 1e6) / flow.rateBytesPerSecond <= SLACK_US;
}
