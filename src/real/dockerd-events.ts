/**
 * What each real dockerd says it did, for the trace of a run on real Docker: `docker events`
 * streamed per host while the steps run, its container lifecycle records turned into the
 * simulator's event kinds (created, running, exited with code N), so a `docker run` or a
 * build's `RUN` shows steps 7–9 in the walkthrough as it does on the simulator. Events are
 * stamped when they arrive, so they stay in order with the rest of the trace.
 */
import { spawn } from "node:child_process";
import type { RealEventBody } from "./real-trace.ts";

/** One record of `docker events --format '{{json .}}'` (the fields used here). */
interface DockerdEvent {
  readonly Type?: string;
  readonly Action?: string;
  readonly Actor?: { readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> };
}

/** A trace event for a container record the simulator traces too, else undefined. */
export function eventOfDockerd(host: string, record: DockerdEvent): RealEventBody | undefined {
  if (record.Type !== "container") return undefined;
  const id = record.Actor?.ID ?? "";
  const attributes = record.Actor?.Attributes ?? {};
  switch (record.Action) {
    case "create":
      return {
        host,
        component: "daemon",
        kind: "daemon.container.create",
        step: 7,
        data: { id, image: attributes.image ?? "" },
      };
    case "start":
      return { host, component: "runtime", kind: "runtime.container.start", step: 9, data: { id } };
    case "die":
      return {
        host,
        component: "runtime",
        kind: "runtime.container.exit",
        step: 9,
        data: { id, exitCode: Number(attributes.exitCode ?? -1) },
      };
    default:
      return undefined;
  }
}

/** Streams one daemon's events into `emit` until `stop()`. */
export function followDockerdEvents(options: {
  readonly cli: string;
  readonly host: string;
  readonly dockerHost: string;
  readonly configDir: string;
  /** Replays records since this instant first, so a stream that subscribes late misses nothing. */
  readonly sinceUs: number;
  readonly emit: (event: RealEventBody) => void;
}): { stop(): void } {
  const since = (options.sinceUs / 1e6).toFixed(6);
  const child = spawn(options.cli, ["events", "--since", since, "--format", "{{json .}}"], {
    env: { ...process.env, DOCKER_HOST: options.dockerHost, DOCKER_CONFIG: options.configDir },
    stdio: ["ignore", "pipe", "ignore"],
  });
  child.on("error", () => undefined);
  let partial = "";
  child.stdout.on("data", (chunk: Buffer) => {
    partial += chunk.toString("utf8");
    const lines = partial.split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      let record: DockerdEvent;
      try {
        record = JSON.parse(line) as DockerdEvent;
      } catch {
        continue;
      }
      const event = eventOfDockerd(options.host, record);
      if (event !== undefined) options.emit(event);
    }
  });
  return { stop: () => child.kill("SIGTERM") };
}
