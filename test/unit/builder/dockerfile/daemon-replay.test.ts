/**
 * Replays the recorded runs of the real Docker 20.10 daemon (test/fixtures/builder/recorded)
 * against the parser: same error text, same `Step N/M : …` lines, same warnings and, through a
 * tiny config-only executor, the same image config and build-time errors.
 */
import { describe, it } from "node:test";
import { recordedGroup } from "../support/recordings.ts";
import { assertReplays } from "../support/replay.ts";

/** Cases the classic builder fails only when executing a step the mini executor does not run. */
const NEEDS_EXECUTION = new Set(["copy-flag-single-dash", "copy-from-stage-missing"]);

/**
 * Cases where the extended dialect (BuildKit syntax the classic builder lacks) departs on
 * purpose from Docker 20.10; each is covered by its own unit test.
 */
const EXTENDED_DIFFERS = new Set([
  "escape-after-check",
  "heredoc-in-classic",
  "copy-link",
  "copy-parents",
  "run-network",
  "run-security",
  "healthcheck-start-interval",
]);

for (const group of ["parse", "instructions", "healthcheck-onbuild"]) {
  describe(`daemon recordings: ${group}`, () => {
    for (const recorded of recordedGroup(group)) {
      const executes = !NEEDS_EXECUTION.has(recorded.testCase.name);
      it(`${recorded.testCase.name} (classic dialect)`, () => {
        assertReplays(recorded, { dialect: "classic", expansion: "classic", executes });
      });
      if (EXTENDED_DIFFERS.has(recorded.testCase.name)) continue;
      it(`${recorded.testCase.name} (extended dialect)`, () => {
        assertReplays(recorded, { dialect: "extended", expansion: "classic", executes });
      });
    }
  });
}
