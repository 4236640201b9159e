import { splitCommandLine } from "./command-line.ts";
import type { DocReader } from "./doc-reader.ts";
import { type FileBudget, readFiles } from "./read-files.ts";
import { readFaultBody } from "./read-world.ts";
import {
  DEFAULT_STEP_EVENT_COUNT_MAX,
  type Expectation,
  type FileExpectation,
  type ScenarioLimits,
  type ScenarioStep,
  STEP_EVENT_COUNT_MAX_MAX,
  type StepFault,
} from "./scenario.ts";
import type { ScenarioSource } from "./scenario-source.ts";

/** What reading steps needs to know about the rest of the scenario. */
export interface StepContext {
  readonly limits: ScenarioLimits;
  readonly hosts: readonly string[];
  readonly registries: readonly string[];
  readonly source: ScenarioSource;
  readonly budget: FileBudget;
}

const STEP_KEYS = ["on", "note", "run", "stdin", "expect", "faults", "write", "sleep", "limit"];

/** `steps:` — each one of `run:` (a docker command line), `write:` (files) or `sleep:`. */
export function readSteps(reader: DocReader, context: StepContext): ScenarioStep[] {
  const items = reader.items(context.limits.stepCountMax);
  if (items.length === 0) reader.fail("a scenario needs at least one step");
  return items.map((item, index) => readStep(item, index, context));
}

function readStep(item: DocReader, index: number, context: StepContext): ScenarioStep {
  const keys = item.keys(STEP_KEYS);
  const actions = ["run", "write", "sleep"].filter((key) => keys.includes(key));
  if (actions.length !== 1)
    item.fail(
      `a step has exactly one of run:, write:, sleep: (got ${actions.join(", ") || "none"})`,
    );
  const note = item.key("note").isMissing
    ? undefined
    : item.key("note").string({ lengthMax: 1_000 });
  const base = { index, ...(note === undefined ? {} : { note }) };
  if (actions[0] === "sleep") {
    only(item, keys, ["sleep", "note", "limit"]);
    return {
      kind: "sleep",
      ...base,
      durationUs: item.key("sleep").durationUs(),
      eventCountMax: readLimit(item.key("limit")),
    };
  }
  const on = hostOf(item, context.hosts);
  if (actions[0] === "write") {
    only(item, keys, ["on", "write", "note"]);
    const files = readFiles({
      reader: item.key("write"),
      source: context.source,
      budget: context.budget,
    });
    return { kind: "write", ...base, on, files };
  }
  const commandLine = item
    .key("run")
    .string({ nonEmpty: true, lengthMax: context.limits.commandLineLengthMax });
  const split = splitCommandLine(commandLine);
  if ("error" in split) return item.key("run").fail(split.error);
  if (split.words[0] !== "docker")
    item
      .key("run")
      .fail(`a step runs a docker command: expected "docker …", got "${split.words[0]}"`);
  const stdin = item.key("stdin").isMissing ? undefined : item.key("stdin").string();
  return {
    kind: "run",
    ...base,
    on,
    commandLine,
    argv: split.words.slice(1),
    ...(stdin === undefined ? {} : { stdin }),
    expect: readExpectation(item.key("expect")),
    faults: readStepFaults(item.key("faults"), context),
    eventCountMax: readLimit(item.key("limit")),
  };
}

/** `limit: { events: N }`: how many events of the world's loop the step may fire. */
function readLimit(reader: DocReader): number {
  if (reader.isMissing) return DEFAULT_STEP_EVENT_COUNT_MAX;
  reader.keys(["events"]);
  if (reader.key("events").isMissing) reader.fail("expected events: (a whole number)");
  return reader.key("events").integer({ min: 1, max: STEP_EVENT_COUNT_MAX_MAX });
}

function hostOf(item: DocReader, hosts: readonly string[]): string {
  if (item.key("on").isMissing) {
    if (hosts.length === 1) return hosts[0]!;
    item.fail(`this step needs on: (one of ${hosts.join(", ")})`);
  }
  const on = item.key("on").string();
  if (!hosts.includes(on))
    item.key("on").fail(`no host "${on}"; the scenario has: ${hosts.join(", ")}`);
  return on;
}

function only(item: DocReader, keys: readonly string[], allowed: readonly string[]): void {
  const extra = keys.find((key) => !allowed.includes(key));
  if (extra !== undefined)
    item.key(extra).fail(`not allowed here; this step takes: ${allowed.join(", ")}`);
}

function readStepFaults(reader: DocReader, context: StepContext): StepFault[] {
  if (reader.isMissing) return [];
  return reader.items(context.limits.faultCountMax).map(
    (item) =>
      ({
        afterUs: item.key("after").durationUs(),
        ...readFaultBody(item, {
          hosts: context.hosts,
          registries: context.registries,
          timeKey: "after",
        }),
      }) as StepFault,
  );
}

const EXPECT_KEYS = [
  "exit",
  "stdout",
  "stdoutContains",
  "stderrContains",
  "cache",
  "events",
  "files",
  "duration",
];

/** `expect:` of a run step; without it the step must exit 0. */
export function readExpectation(reader: DocReader): Expectation {
  if (reader.isMissing)
    return { exit: 0, stdoutContains: [], stderrContains: [], events: {}, files: {} };
  reader.keys(EXPECT_KEYS);
  const exitReader = reader.key("exit");
  const exit = exitReader.isMissing
    ? 0
    : exitReader.value === "any"
      ? "any"
      : exitReader.integer({ min: 0, max: 255 });
  const stdout = reader.key("stdout").isMissing ? undefined : reader.key("stdout").string();
  const list = (key: string) =>
    reader.key(key).isMissing ? [] : reader.key(key).strings({ countMax: 100, lengthMax: 100_000 });
  return {
    exit,
    ...(stdout === undefined ? {} : { stdout }),
    stdoutContains: list("stdoutContains"),
    stderrContains: list("stderrContains"),
    ...(reader.key("cache").isMissing ? {} : { cache: readCache(reader.key("cache")) }),
    events: readEvents(reader.key("events")),
    files: readFileExpectations(reader.key("files")),
    ...(reader.key("duration").isMissing ? {} : { duration: readDuration(reader.key("duration")) }),
  };
}

function readCache(reader: DocReader): { hits?: number; misses?: number } {
  reader.keys(["hits", "misses"]);
  const count = (key: string) =>
    reader.key(key).isMissing ? {} : { [key]: reader.key(key).integer({ min: 0, max: 10_000 }) };
  return { ...count("hits"), ...count("misses") };
}

function readEvents(reader: DocReader): Record<string, number> {
  const out: Record<string, number> = {};
  if (reader.isMissing) return out;
  for (const [kind, entry] of reader.entries(100)) {
    if (!/^[a-z]+(\.[a-z][a-z0-9-]*)+$/.test(kind))
      entry.fail("an event kind is dotted lowercase words (registry.blob.upload.commit)");
    out[kind] = entry.integer({ min: 0, max: 1_000_000 });
  }
  return out;
}

function readFileExpectations(reader: DocReader): Record<string, FileExpectation> {
  const out: Record<string, FileExpectation> = {};
  if (reader.isMissing) return out;
  for (const [path, entry] of reader.entries(100)) {
    if (typeof entry.value === "string") {
      out[path] = { kind: "content", text: entry.string() };
      continue;
    }
    const keys = entry.keys(["exists", "contains"]);
    if (keys.length !== 1) entry.fail("expected text, {exists: true|false} or {contains: text}");
    out[path] =
      keys[0] === "exists"
        ? { kind: entry.key("exists").boolean() ? "present" : "absent" }
        : { kind: "contains", text: entry.key("contains").string() };
  }
  return out;
}

function readDuration(reader: DocReader): { minUs?: number; maxUs?: number } {
  const keys = reader.keys(["min", "max"]);
  if (keys.length === 0) reader.fail("expected min:, max: or both");
  return {
    ...(reader.key("min").isMissing ? {} : { minUs: reader.key("min").durationUs() }),
    ...(reader.key("max").isMissing ? {} : { maxUs: reader.key("max").durationUs() }),
  };
}
