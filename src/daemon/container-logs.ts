import { utf8Bytes } from "../archive/byte-strings.ts";
import { isInstantUs } from "../clock/clock.ts";
import { formatRfc3339NanoFixed } from "../clock/time-format.ts";
import type { LogsOptions, OutputFrame } from "../engine/engine.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { AsyncQueue } from "./async-queue.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import type { LogEntry } from "./log-store.ts";
import { parseTimestamp } from "./timestamp.ts";

/**
 * `docker logs`: the container's json-file log, filtered by stream and by time (`since`,
 * `until`), its last `tail` lines, each line one frame, with `timestamps` prefixed the way
 * dockerd writes them (nine fraction digits). With `follow`, new lines keep coming until the
 * container stops (at once when it is not running), or until `until`.
 */
export function containerLogs(
  ctx: DaemonContext,
  container: Container,
  options: LogsOptions,
): AsyncIterable<OutputFrame> {
  const stdout = options.stdout ?? false;
  const stderr = options.stderr ?? false;
  if (!stdout && !stderr)
    throw new DrydockError(
      "InvalidArgument",
      "Bad parameters: you must choose at least one stream",
      { data: {} },
    );
  const nowUs = ctx.clock.nowUs();
  const sinceUs =
    options.since === undefined || options.since === ""
      ? undefined
      : parseTimestamp(options.since, nowUs);
  const untilUs =
    options.until === undefined || options.until === ""
      ? undefined
      : parseTimestamp(options.until, nowUs);
  const wanted = (entry: LogEntry): boolean =>
    (entry.stream === "stdout" ? stdout : stderr) &&
    (sinceUs === undefined || entry.tUs >= sinceUs) &&
    (untilUs === undefined || entry.tUs <= untilUs);
  const frame = (entry: LogEntry): OutputFrame => ({
    stream: entry.stream,
    data: options.timestamps === true ? prefixed(entry) : entry.data.slice(),
    tUs: entry.tUs,
  });
  const queue = new AsyncQueue<OutputFrame>();
  for (const entry of tail(container.logs.entries.filter(wanted), options.tail))
    queue.push(frame(entry));
  const follow =
    options.follow === true &&
    container.state.running &&
    (untilUs === undefined || untilUs > nowUs);
  if (!follow) {
    queue.end();
    return queue;
  }
  if (ctx.limits.streamCountMax <= 0)
    throw new LimitExceededError({ what: "log followers", limit: 0 });
  const unsubscribe = container.logs.subscribe((entry) => {
    if (wanted(entry)) queue.push(frame(entry));
  });
  const finish = (): void => {
    unsubscribe();
    queue.end();
  };
  void container.wait("next-exit").then(finish);
  if (untilUs !== undefined && isInstantUs(untilUs))
    ctx.scheduler.at(untilUs, "daemon.logs.until", finish);
  return queue;
}

function tail(entries: readonly LogEntry[], text: string | undefined): readonly LogEntry[] {
  if (text === undefined || text === "all" || text === "") return entries;
  const count = Number(text);
  if (!Number.isInteger(count) || count < 0) return entries;
  return count === 0 ? [] : entries.slice(-count);
}

function prefixed(entry: LogEntry): Uint8Array {
  const stamp = utf8Bytes(`${formatRfc3339NanoFixed(entry.tUs)} `);
  const out = new Uint8Array(stamp.length + entry.data.length);
  out.set(stamp, 0);
  out.set(entry.data, stamp.length);
  return out;
}
