import { parseRfc3339 } from "../../clock/time-format.ts";
import { goJson } from "../../digest/go-json.ts";
import type { EventMessage } from "../../engine/api-types.ts";
import { goQuote } from "../../go/quote.ts";
import { CliError } from "../cli-error.ts";
import type { CommandSpec } from "../command-spec.ts";
import { parseFormat } from "../formatter/format-writer.ts";
import { GoStruct, type GoValue } from "../go-template/go-value.ts";
import { TemplateError } from "../go-template/template-error.ts";
import { clientNowUs, filtersOf, out } from "./common.ts";
import { FORMAT_INSPECT_FLAG } from "./shared-flags.ts";

const DURATION_UNITS_US: Readonly<Record<string, number>> = {
  ns: 0.001,
  us: 1,
  µs: 1,
  ms: 1_000,
  s: 1_000_000,
  m: 60_000_000,
  h: 3_600_000_000,
};

/** Go's `time.ParseDuration`, in microseconds; undefined when the text is not a duration. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([+-]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (match === null) return text === "0" ? 0 : undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * DURATION_UNITS_US[part[2]!]!;
  }
  // Go's time.Duration is int64 nanoseconds: ParseDuration refuses longer ones.
  if (total > GO_DURATION_MAX_US) return undefined;
  return match[1] === "-" ? -total : total;
}

/** The longest Go `time.Duration` (2^63 - 1 ns), in microseconds. */
const GO_DURATION_MAX_US = Number(2n ** 63n - 1n) / 1_000;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function isInt64(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** The CLI's check of a Unix timestamp (`seconds[.nanoseconds]`, each a Go int64). */
function isUnixTimestamp(text: string): boolean {
  const dot = text.indexOf(".");
  if (dot < 0) return isInt64(text);
  return isInt64(text.slice(0, dot)) && isInt64(text.slice(dot + 1));
}

/**
 * The CLI's `timetypes.GetTimestamp`: a Go duration means that long before now, an RFC 3339
 * date (or date-time without zone) is converted, anything else (Unix seconds) is sent as is.
 */
export function timestampArgument(value: string, nowUs: number): string {
  if (value === "") return "";
  // "0" is the Unix epoch, not a zero duration (as in the CLI's GetTimestamp).
  const duration = value === "0" ? undefined : parseGoDuration(value);
  if (duration !== undefined) return secondsText(nowUs - Math.trunc(duration));
  const withZone = /Z|[+-]\d{2}:\d{2}$/.test(value) ? value : `${value}Z`;
  const full = /T/.test(withZone)
    ? withZone
    : withZone.replace(/^(\d{4}-\d{2}-\d{2})Z$/, "$1T00:00:00Z");
  const instant = parseRfc3339(full);
  if (instant !== undefined) return secondsText(instant);
  // A value with a `-` that is no date is left to the daemon (the CLI reports Go's date error).
  if (value.includes("-") || isUnixTimestamp(value)) return value;
  throw new CliError({
    status: `failed to parse value as time or duration: ${goQuote(value)}`,
    exitCode: 1,
  });
}

function secondsText(instantUs: number): string {
  const seconds = Math.floor(instantUs / 1_000_000);
  const nanos = (instantUs - seconds * 1_000_000) * 1000;
  return `${seconds}.${String(nanos).padStart(9, "0")}`;
}

/** `2026-11-28T00:06:03.403463116Z` from an event's nanosecond time. */
function eventTime(timeNano: bigint): string {
  const seconds = timeNano / 1_000_000_000n;
  const nanos = timeNano % 1_000_000_000n;
  const date = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${date}.${nanos.toString().padStart(9, "0")}Z`;
}

/** The line `docker events` prints for an event without `--format`. */
export function eventLine(event: EventMessage): string {
  const attributes = Object.entries(event.Actor.Attributes)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`);
  const suffix = attributes.length === 0 ? "" : ` (${attributes.join(", ")})`;
  return `${eventTime(event.timeNano)} ${event.Type} ${event.Action} ${event.Actor.ID}${suffix}\n`;
}

function eventValue(event: EventMessage): GoValue {
  const actor = new GoStruct({
    typeName: "events.Actor",
    fields: new Map<string, GoValue>([
      ["ID", event.Actor.ID],
      ["Attributes", { ...event.Actor.Attributes }],
    ]),
  });
  return new GoStruct({
    typeName: "events.Message",
    fields: new Map<string, GoValue>([
      ["Status", event.status ?? ""],
      ["ID", event.id ?? ""],
      ["From", event.from ?? ""],
      ["Type", event.Type],
      ["Action", event.Action],
      ["Actor", actor],
      ["Scope", event.scope],
      ["Time", event.time],
      ["TimeNano", Number(event.timeNano)],
    ]),
    toJson: () =>
      goJson({
        ...(event.status === undefined ? {} : { status: event.status }),
        ...(event.id === undefined ? {} : { id: event.id }),
        ...(event.from === undefined ? {} : { from: event.from }),
        Type: event.Type,
        Action: event.Action,
        Actor: { ID: event.Actor.ID, Attributes: new Map(Object.entries(event.Actor.Attributes)) },
        scope: event.scope,
        time: event.time,
      }).replace(/}$/, `,"timeNano":${event.timeNano.toString()}}`),
  });
}

/** `docker events`. */
export const eventsCommand: CommandSpec = {
  name: "events",
  useArgs: "[OPTIONS]",
  short: "Get real time events from the server",
  aliases: "docker system events, docker events",
  args: { kind: "none" },
  flags: [
    {
      name: "filter",
      short: "f",
      type: "filter",
      usage: "Filter output based on conditions provided",
    },
    { ...FORMAT_INSPECT_FLAG, short: undefined } as typeof FORMAT_INSPECT_FLAG,
    { name: "since", type: "string", usage: "Show all events created since timestamp" },
    { name: "until", type: "string", usage: "Stream events until this timestamp" },
  ],
  async run(engine, args, io) {
    const format = args.string("format");
    const template =
      format === "" ? undefined : parseFormat(format === "json" ? "{{json .}}" : format);
    const nowUs = args.has("since") || args.has("until") ? await clientNowUs(engine, io) : 0;
    const since = timestampArgument(args.string("since"), nowUs);
    const until = timestampArgument(args.string("until"), nowUs);
    const events = engine.events({
      ...(since === "" ? {} : { since }),
      ...(until === "" ? {} : { until }),
      filters: filtersOf(args.strings("filter")),
    });
    for await (const event of events) {
      if (template === undefined) {
        out(io, eventLine(event));
        continue;
      }
      try {
        out(io, `${template.execute(eventValue(event))}\n`);
      } catch (error) {
        if (error instanceof TemplateError)
          throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
        throw error;
      }
    }
    return 0;
  },
};
