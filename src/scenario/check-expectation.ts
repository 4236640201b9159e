import type { HostFiles } from "../client/command-io.ts";
import type { TraceEvent } from "../trace/trace-event.ts";
import type { Expectation, FileExpectation } from "./scenario.ts";
import type { CheckResult } from "./scenario-result.ts";
import { formatOffsetSeconds } from "./units.ts";

/** What a `run` step produced, as its expectations see it. */
export interface StepOutcome {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The trace events of the step. */
  readonly events: readonly TraceEvent[];
  readonly durationUs: number;
  /** The host's client files after the step. */
  readonly files: HostFiles;
}

/** Checks every expectation of a step; each gives one `CheckResult`, in a fixed order. */
export async function checkExpectation(
  expect: Expectation,
  outcome: StepOutcome,
): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  const check = (what: string, passed: boolean, expected: string, actual: string) =>
    checks.push({ what, passed, expected, actual });
  if (expect.exit !== "any")
    check("exit", outcome.exitCode === expect.exit, String(expect.exit), String(outcome.exitCode));
  if (expect.stdout !== undefined)
    check("stdout", outcome.stdout === expect.stdout, quote(expect.stdout), quote(outcome.stdout));
  for (const text of expect.stdoutContains)
    check(
      "stdoutContains",
      outcome.stdout.includes(text),
      `contains ${quote(text)}`,
      quote(outcome.stdout),
    );
  for (const text of expect.stderrContains)
    check(
      "stderrContains",
      outcome.stderr.includes(text),
      `contains ${quote(text)}`,
      quote(outcome.stderr),
    );
  const count = (kind: string) => outcome.events.filter((event) => event.kind === kind).length;
  if (expect.cache?.hits !== undefined) {
    const hits = count("builder.cache.hit");
    check("cache.hits", hits === expect.cache.hits, String(expect.cache.hits), String(hits));
  }
  if (expect.cache?.misses !== undefined) {
    const misses = count("builder.cache.miss");
    check(
      "cache.misses",
      misses === expect.cache.misses,
      String(expect.cache.misses),
      String(misses),
    );
  }
  for (const [kind, wanted] of Object.entries(expect.events))
    check(`events[${kind}]`, count(kind) === wanted, String(wanted), String(count(kind)));
  for (const [path, wanted] of Object.entries(expect.files))
    checks.push(await checkFile(outcome.files, path, wanted));
  const { minUs, maxUs } = expect.duration ?? {};
  if (minUs !== undefined || maxUs !== undefined) {
    const passed =
      (minUs === undefined || outcome.durationUs >= minUs) &&
      (maxUs === undefined || outcome.durationUs <= maxUs);
    const bounds = [
      minUs === undefined ? "" : `>= ${seconds(minUs)}`,
      maxUs === undefined ? "" : `<= ${seconds(maxUs)}`,
    ];
    check(
      "duration",
      passed,
      bounds.filter((b) => b !== "").join(" and "),
      seconds(outcome.durationUs),
    );
  }
  return checks;
}

async function checkFile(
  files: HostFiles,
  path: string,
  wanted: FileExpectation,
): Promise<CheckResult> {
  const what = `files[${JSON.stringify(path)}]`;
  let text: string | undefined;
  try {
    text = new TextDecoder().decode(await files.readFile(path));
  } catch {
    text = undefined;
  }
  const actual = text === undefined ? "absent" : `present, ${quote(text)}`;
  switch (wanted.kind) {
    case "absent":
      return { what, passed: text === undefined, expected: "absent", actual };
    case "present":
      return { what, passed: text !== undefined, expected: "present", actual };
    case "content":
      return {
        what,
        passed: text === wanted.text,
        expected: `present, ${quote(wanted.text)}`,
        actual,
      };
    case "contains":
      return {
        what,
        passed: text?.includes(wanted.text) === true,
        expected: `contains ${quote(wanted.text)}`,
        actual,
      };
  }
}

function seconds(us: number): string {
  return formatOffsetSeconds(us).slice(1);
}

/** JSON quoting, shortened past 200 characters, for messages. */
function quote(text: string): string {
  const quoted = JSON.stringify(text);
  return quoted.length > 200 ? `${quoted.slice(0, 197)}..."` : quoted;
}
