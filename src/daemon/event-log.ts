import { isInstantUs } from "../clock/clock.ts";
import type { Scheduler } from "../clock/event-loop.ts";
import type { EventMessage, Filters } from "../engine/api-types.ts";
import type { EventsOptions } from "../engine/engine.ts";
import type { Tracer } from "../trace/tracer.ts";
import { AsyncQueue } from "./async-queue.ts";
import { labelMatches } from "./filters.ts";
import { parseTimestamp } from "./timestamp.ts";

type EventType = EventMessage["Type"];

/** What happened, before the log stamps it with the time. */
export interface EventInput {
  readonly type: EventType;
  readonly action: string;
  readonly actorId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/**
 * The daemon's event log (`docker events`): each event stamped with the virtual clock, the last
 * few kept for `--since` (dockerd keeps 256), and pushed to every follower that matches.
 */
export class EventLog {
  readonly #scheduler: Scheduler;
  readonly #tracer: Tracer;
  readonly #countMax: number;
  readonly #kept: EventMessage[] = [];
  readonly #followers = new Set<(event: EventMessage) => void>();

  constructor(options: { scheduler: Scheduler; tracer: Tracer; countMax: number }) {
    this.#scheduler = options.scheduler;
    this.#tracer = options.tracer;
    this.#countMax = options.countMax;
  }

  log(input: EventInput): EventMessage {
    const tUs = this.#scheduler.clock.nowUs();
    const actor = { ID: input.actorId, Attributes: sortedRecord(input.attributes) };
    const legacy = input.type === "container" || input.type === "image";
    const from = input.type === "container" ? input.attributes.image : undefined;
    const event: EventMessage = {
      ...(legacy ? { status: input.action, id: input.actorId } : {}),
      ...(from === undefined ? {} : { from }),
      Type: input.type,
      Action: input.action,
      Actor: actor,
      scope: "local",
      time: Math.floor(tUs / 1_000_000),
      timeNano: BigInt(tUs) * 1000n,
    };
    this.#kept.push(event);
    if (this.#kept.length > this.#countMax) this.#kept.shift();
    this.#tracer.emit({
      kind: `daemon.event.${input.type}`,
      data: { action: input.action, actor: input.actorId },
    });
    for (const follower of [...this.#followers]) follower(event);
    return event;
  }

  /** `GET /events`: kept events in [since, until], then new ones until `until` (or forever). */
  stream(options: EventsOptions = {}): AsyncIterable<EventMessage> {
    const filters = options.filters ?? {};
    const nowUs = this.#scheduler.clock.nowUs();
    const sinceUs = options.since === undefined ? undefined : parseTimestamp(options.since, nowUs);
    const untilUs = options.until === undefined ? undefined : parseTimestamp(options.until, nowUs);
    const inRange = (event: EventMessage): boolean => {
      const tUs = Number(event.timeNano / 1000n);
      return (sinceUs === undefined || tUs >= sinceUs) && (untilUs === undefined || tUs <= untilUs);
    };
    const follower = (event: EventMessage): void => {
      if (inRange(event) && eventMatches(event, filters)) queue.push(event);
    };
    const queue = new AsyncQueue<EventMessage>({
      onClose: () => this.#followers.delete(follower),
    });
    // dockerd replays its kept events when either bound is given (`--until` alone too).
    if (sinceUs !== undefined || untilUs !== undefined)
      for (const event of this.#kept) follower(event);
    if (untilUs !== undefined && untilUs <= nowUs) {
      queue.end();
      return queue;
    }
    this.#followers.add(follower);
    // An `until` beyond the clock's range is never reached: follow until the world is idle.
    if (untilUs !== undefined && isInstantUs(untilUs)) {
      this.#scheduler.at(untilUs, "daemon.events.until", () => {
        this.#followers.delete(follower);
        queue.end();
      });
    }
    return queue;
  }
}

/** Whether an event passes `docker events --filter` (each key: any of its values). */
export function eventMatches(event: EventMessage, filters: Filters): boolean {
  const attributes = event.Actor.Attributes;
  const test = (key: string, match: (value: string) => boolean): boolean => {
    const values = filters[key];
    return values === undefined || values.length === 0 || values.some(match);
  };
  const action = event.Action;
  const ofType = (type: EventType, value: string): boolean =>
    event.Type === type && (event.Actor.ID === value || attributes.name === value);
  return (
    test("type", (value) => event.Type === value) &&
    test("event", (value) => action === value || action.split(":")[0] === value) &&
    test("container", (value) => ofType("container", value) || event.Actor.ID.startsWith(value)) &&
    test("image", (value) => ofType("image", value) || attributes.image === value) &&
    test("network", (value) => ofType("network", value)) &&
    test("volume", (value) => ofType("volume", value)) &&
    test("label", (value) => labelMatches(attributes, value)) &&
    test("scope", (value) => value === "local")
  );
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key]!]),
  );
}
