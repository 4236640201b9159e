import assert from "node:assert/strict";
import type { DockerfileDialect } from "../../../../src/builder/dockerfile/ast.ts";
import { type Dockerfile, parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";
import type { ExpansionDialect } from "../../../../src/builder/dockerfile/shell-lexer.ts";
import { buildSteps } from "../../../../src/builder/dockerfile/stages.ts";
import { compact, miniBuild } from "./mini-config.ts";
import { type RecordedCase, responseError, stepLines, streamError } from "./recordings.ts";

/** What the front end says about a case: the daemon's up-front error, or the step lines. */
export function frontEnd(
  testCase: RecordedCase["testCase"],
  dialect: DockerfileDialect,
): { error: string } | { steps: string[]; dockerfile: Dockerfile } {
  try {
    const dockerfile = parseDockerfile(testCase.dockerfile, {
      dialect,
      ...(testCase.dockerfileName === undefined ? {} : { dockerfileName: testCase.dockerfileName }),
    });
    const steps = buildSteps(dockerfile, testCase.target).map((step) => step.text);
    return { steps, dockerfile };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/**
 * Checks one recorded case: the up-front error text, or the printed steps, the warnings, the
 * build-time error and the image config (through `miniBuild`).
 */
export function assertReplays(
  recorded: RecordedCase,
  options: { dialect: DockerfileDialect; expansion: ExpansionDialect; executes?: boolean },
): void {
  const { testCase, recording } = recorded;
  const result = frontEnd(testCase, options.dialect);
  const expectedError = responseError(recording);
  if (expectedError !== undefined) {
    assert.deepEqual(result, { error: expectedError });
    return;
  }
  assert.ok("steps" in result, `unexpected error: ${"error" in result ? result.error : ""}`);
  const printed = stepLines(recording);
  assert.deepEqual(result.steps.slice(0, printed.length), printed);
  if (recording.exitCode === 0) assert.equal(result.steps.length, printed.length);
  const warnings = result.dockerfile.warnings.flatMap((warning) => warning.split("\n"));
  const printedWarnings = recording.stdout.filter(
    (line) => line.startsWith("[WARNING]") || line.startsWith("    "),
  );
  assert.deepEqual(warnings, printedWarnings);
  if (options.executes === false) return;
  const mini = miniBuild(result.dockerfile, {
    ...(testCase.buildArgs === undefined ? {} : { buildArgs: testCase.buildArgs }),
    ...(testCase.target === undefined ? {} : { target: testCase.target }),
    dialect: options.expansion,
  });
  const failure = streamError(recording);
  if (failure !== undefined) {
    assert.equal(mini.error, failure);
    return;
  }
  assert.equal(mini.error, undefined);
  assert.deepEqual(mini.config, compact(recording.config ?? {}));
  const unused = recording.stdout.filter((line) =>
    line.startsWith("[Warning] One or more build-args"),
  );
  assert.deepEqual(mini.warnings, unused.map(sortArgList));
}

/** Docker lists unused build args in Go map order (random); the front end sorts them. */
function sortArgList(warning: string): string {
  return warning.replace(/build-args \[([^\]]*)\]/, (_all, names: string) => {
    return `build-args [${names.split(" ").sort().join(" ")}]`;
  });
}
