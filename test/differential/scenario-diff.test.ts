/**
 * `scenario diff` over everything it is meant to cover: every sim-scenario and every case of the
 * differential corpus, simulator against real Docker. The corpus runs live when the real side can
 * start here (root, docker.io, docker-registry, busybox-static: as in CI), else against its
 * recordings; the sim-scenarios run against their recordings here (`.ci/run` runs them live with
 * `drydock scenario diff --all`). Any undeclared difference fails. The README's table must be the
 * one these recordings give (`npm run diff-table -- --write` regenerates it).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { describeOutcome } from "../../src/cli/scenario-diff-command.ts";
import { findRealPrograms } from "../../src/real/real-programs.ts";
import {
  corpusSubjects,
  diffSubjects,
  formatDiffTable,
  scenarioSubjects,
} from "./diff-outcomes.ts";

const README = join(import.meta.dirname, "..", "..", "README.md");
const live = typeof findRealPrograms({ registries: true, baseImages: true }) !== "string";

describe("scenario diff: simulator vs real Docker", () => {
  it("sim-scenarios against their recorded real runs: nothing undeclared, README table current", async () => {
    const outcomes = await diffSubjects(scenarioSubjects(), { recorded: true, record: false });
    for (const outcome of outcomes)
      assert.equal(outcome.report.undeclared, 0, describeOutcome(outcome));
    const corpus = await diffSubjects(corpusSubjects(), { recorded: true, record: false });
    const readme = readFileSync(README, "utf8");
    assert.ok(
      readme.includes(formatDiffTable([...outcomes, ...corpus])),
      "README.md's diff table is stale: run npm run diff-table -- --write",
    );
  });

  it(`the differential corpus through scenario diff (${live ? "live on real Docker" : "recorded: the real side cannot run here"})`, async (t) => {
    const notes: string[] = [];
    const outcomes = await diffSubjects(corpusSubjects(), {
      recorded: !live,
      record: false,
      notes: (text) => notes.push(text),
    });
    if (notes.length > 0) t.diagnostic(notes.join("").trim());
    assert.ok(outcomes.length >= 25);
    const undeclared = outcomes.filter((outcome) => outcome.report.undeclared > 0);
    assert.deepEqual(
      undeclared.map((outcome) => outcome.name),
      [],
      undeclared.map((outcome) => describeOutcome(outcome)).join("\n"),
    );
  });
});
