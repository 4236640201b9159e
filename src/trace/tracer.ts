import type { Clock } from "../clock/clock.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { TraceEvent, TraceValue, WorkflowStep } from "./trace-event.ts";

/** What a component passes to `emit`; the tracer adds the sequence number and the time. */
export interface TraceRecord {
  readonly kind: string;
  readonly host?: string;
  readonly component?: string;
  readonly step?: WorkflowStep;
  readonly data?: Readonly<Record<string, TraceValue | undefined>>;
}

export interface Tracer {
  emit(record: TraceRecord): void;
  /** A tracer that fills in `host` and `component` (and anything else given) by default. */
  with(defaults: { host?: string; component?: string }): Tracer;
}

export type TraceSink = (event: TraceEvent) => void;

/**
 * Stamps records with the clock's time and a sequence number and hands them to its sinks. The
 * component defaults to the first segment of the kind (`builder.cache.hit` → `builder`).
 */
export class ClockTracer implements Tracer {
  readonly #clock: Clock;
  readonly #sinks: TraceSink[] = [];
  #seq = 0;

  constructor(options: { clock: Clock; sinks?: readonly TraceSink[] }) {
    this.#clock = options.clock;
    this.#sinks.push(...(options.sinks ?? []));
  }

  addSink(sink: TraceSink): void {
    this.#sinks.push(sink);
  }

  emit(record: TraceRecord): void {
    const component = record.component ?? record.kind.split(".")[0] ?? record.kind;
    // Built member by member rather than with conditional spreads (a hot path: every event of a
    // run comes through here); the members' order is the JSONL output's order.
    const event = { seq: this.#seq++, tUs: this.#clock.nowUs() } as Mutable<TraceEvent>;
    if (record.host !== undefined) event.host = record.host;
    event.component = component;
    event.kind = record.kind;
    if (record.step !== undefined) event.step = record.step;
    if (record.data !== undefined) event.data = withoutUndefined(record.data);
    for (const sink of this.#sinks) sink(event);
  }

  with(defaults: { host?: string; component?: string }): Tracer {
    return new ScopedTracer(this, defaults);
  }
}

class ScopedTracer implements Tracer {
  readonly #parent: Tracer;
  readonly #defaults: { host?: string; component?: string };

  constructor(parent: Tracer, defaults: { host?: string; component?: string }) {
    this.#parent = parent;
    this.#defaults = defaults;
  }

  emit(record: TraceRecord): void {
    // The members the parent (always a ClockTracer) reads, each the record's unless undefined
    // there: what `{ ...defaults, ...record without undefined }` gives, without the copies.
    const defaults = this.#defaults as TraceRecord;
    this.#parent.emit({
      kind: record.kind,
      host: record.host ?? defaults.host,
      component: record.component ?? defaults.component,
      step: record.step ?? defaults.step,
      data: record.data ?? defaults.data,
    });
  }

  with(defaults: { host?: string; component?: string }): Tracer {
    return new ScopedTracer(this.#parent, { ...this.#defaults, ...stripUndefined(defaults) });
  }
}

/** A tracer that drops everything, for code run outside a world. */
export const NULL_TRACER: Tracer = {
  emit(): void {},
  with(): Tracer {
    return NULL_TRACER;
  },
};

/** Keeps events in memory, up to a limit, for formatting and golden comparisons. */
export class MemoryTraceSink {
  readonly events: TraceEvent[] = [];
  readonly #eventCountMax: number;

  constructor(options: { eventCountMax?: number } = {}) {
    this.#eventCountMax = options.eventCountMax ?? 1_000_000;
  }

  readonly sink: TraceSink = (event) => {
    if (this.events.length >= this.#eventCountMax) {
      throw new LimitExceededError({
        what: "trace events kept in memory",
        limit: this.#eventCountMax,
      });
    }
    this.events.push(event);
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function withoutUndefined(
  data: Readonly<Record<string, TraceValue | undefined>>,
): Record<string, TraceValue> {
  const out: Record<string, TraceValue> = {};
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
