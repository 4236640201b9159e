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
  const containing = [
    ["stdout", expect.stdoutContains, outcome.stdout],
    ["stderr", expect.stderrContains, outcome.stderr],
  ] as const;
  for (const [stream, texts, output] of containing)
    for (const text of texts)
      check(`${stream}Contains`, output.includes(text), `contains ${quote(text)}`, quote(output));
  const counted = (what: string, wanted: number | undefined, kind: string) => {
    if (wanted === undefined) return;
    const count = outcome.events.filter((event) => event.kind === kind).length;
    check(what, count === wanted, String(wanted), String(count));
  };
  counted("cache.hits", expect.cache?.hits, "builder.cache.hit");
  counted("cache.misses", expect.cache?.misses, "builder.cache.miss");
  for (const [kind, wanted] of Object.entries(expect.events))
    counted(`events[${kind}]`, wanted, kind);
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
