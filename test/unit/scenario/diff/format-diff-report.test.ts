import assert from "node:assert/strict";
import { test } from "node:test";
import { diffRuns } from "../../../../src/scenario/diff/diff-runs.ts";
import { formatDiffReport } from "../../../../src/scenario/diff/format-diff-report.ts";
import type { ObservedRun } from "../../../../src/scenario/diff/observed-run.ts";

function run(backend: string, build: string, env: string): ObservedRun {
  return {
    backend,
    steps: [
      {
        index: 0,
        kind: "run",
        on: "dev",
        commandLine: "docker build -t app:1 app",
        exitCode: 0,
        stdout: build,
        stderr: "",
      },
      { index: 1, kind: "write", on: "dev", stdout: "", stderr: "" },
      {
        index: 2,
        kind: "run",
        on: "dev",
        commandLine: "docker run --rm app:1",
        exitCode: 0,
        stdout: "hi\n",
        stderr: "",
      },
    ],
    hosts: [
      {
        host: "dev",
        images: [{ ref: "app:1", inspect: { Config: { Env: [env] } }, history: [], files: [] }],
        containers: [],
      },
    ],
  };
}

test("the report marks equal, declared and undeclared parts and sums them up", () => {
  const sim = run("sim", "Step 1/1 : FROM busybox\n ---> Using cache\n ---> 0123456789ab\n", "A=1");
  const real = run("docker", "Step 1/1 : FROM busybox\n ---> abcdefabcdef\n", "A=2");
  const report = diffRuns(sim, real, [
    { step: 1, what: "cache", reason: "cached in the simulator" },
    { step: 3, what: "stdout", reason: "stale" },
  ]);
  assert.equal(
    formatDiffReport(report),
    [
      "scenario diff: sim vs docker",
      "~ step 1 dev $ docker build -t app:1 app",
      "  ~ cache pattern (declared: cached in the simulator)",
      "      sim:    1/1 hit",
      "      docker: 1/1 miss",
      "  ~ stdout line 2 (declared: cached in the simulator)",
      "      sim:     ---> Using cache",
      "      docker: (nothing)",
      "= step 2 write on dev",
      "= step 3 dev $ docker run --rm app:1",
      "! host dev final state",
      "  ! host dev image app:1 config.Env",
      '      sim:    ["A=1"]',
      '      docker: ["A=2"]',
      "warning: declared difference matched nothing: step 3 stdout (stale)",
      "2 steps equal, 2 declared, 1 undeclared difference",
    ].join("\n"),
  );
  assert.equal(report.undeclared, 1);
});
