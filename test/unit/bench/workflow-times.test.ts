import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startCommand } from "../../../bench/support/start-process.ts";
import { describeRun, medianTimes } from "../../../bench/support/workflow-times.ts";

const run = (build: number, push: number, pull: number, step: number) => ({
  build,
  push,
  pull,
  run: step,
  total: build + push + pull + step,
});

describe("workflow times", () => {
  it("takes each step's median and the median of the totals, not their sum", () => {
    const medians = medianTimes([run(10, 1, 1, 1), run(1, 10, 1, 1), run(2, 2, 10, 1)]);
    assert.deepEqual(
      { build: medians.build, push: medians.push, pull: medians.pull, run: medians.run },
      { build: 2, push: 2, pull: 1, run: 1 },
    );
    assert.equal(medians.total, 13);
  });

  it("describes a run on one line", () => {
    assert.equal(
      describeRun("run 1", run(400, 180, 190, 130)),
      "run 1: build 400, push 180, pull 190, run 130, total 900 ms",
    );
  });
});

describe("startCommand", () => {
  it("runs a plain start script with this node binary", () => {
    assert.deepEqual(startCommand("node src/cli/bin.mjs demo", "/usr/bin/node20"), [
      "/usr/bin/node20",
      "src/cli/bin.mjs",
      "demo",
    ]);
    assert.deepEqual(startCommand("  tsx x.ts  ", "/n"), ["tsx", "x.ts"]);
  });

  it("hands a script that needs a shell to sh", () => {
    assert.deepEqual(startCommand("node a.mjs && node b.mjs", "/n"), [
      "sh",
      "-c",
      "node a.mjs && node b.mjs",
    ]);
    assert.deepEqual(startCommand("node a.mjs > out", "/n"), ["sh", "-c", "node a.mjs > out"]);
  });
});
