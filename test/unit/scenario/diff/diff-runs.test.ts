import assert from "node:assert/strict";
import { test } from "node:test";
import type { DeclaredDifference } from "../../../../src/scenario/diff/declared-difference.ts";
import { type DiffReport, diffRuns } from "../../../../src/scenario/diff/diff-runs.ts";
import type { ObservedImage, ObservedRun } from "../../../../src/scenario/diff/observed-run.ts";
import { realRun, simRun } from "./fixture-runs.ts";

function entries(report: DiffReport) {
  return [...report.steps, ...report.hosts].flatMap((part) => part.entries);
}

function withStep(run: ObservedRun, index: number, stdout: (text: string) => string): ObservedRun {
  const steps = run.steps.map((step) =>
    step.index === index ? { ...step, stdout: stdout(step.stdout) } : step,
  );
  return { ...run, steps };
}

function withImage(run: ObservedRun, change: (image: ObservedImage) => ObservedImage): ObservedRun {
  const hosts = run.hosts.map((host) => ({ ...host, images: host.images.map(change) }));
  return { ...run, hosts };
}

test("the simulator's run of the recorded commands equals real Docker's after normalisation", async () => {
  const report = diffRuns(await simRun(), realRun(), []);
  assert.deepEqual(entries(report), []);
  assert.equal(report.equalSteps, 6);
  assert.equal(report.undeclared, 0);
});

test("a changed cache pattern is an undeclared difference; its stdout differences follow from it", async () => {
  const real = withStep(realRun(), 1, (text) =>
    text.replace(
      /(Step 5\/6 : [^\n]*\n) ---> Using cache\n/,
      "$1 ---> Running in 0123456789ab\nRemoving intermediate container 0123456789ab\n",
    ),
  );
  const report = diffRuns(await simRun(), real, []);
  const found = entries(report);
  const cache = found.find((entry) => entry.what === "cache");
  assert.equal(cache?.step, 2);
  assert.equal(cache?.sim.includes("5/6 hit"), true);
  assert.equal(cache?.docker.includes("5/6 miss"), true);
  assert.ok(found.some((entry) => entry.what === "stdout"));
  const declared = diffRuns(await simRun(), real, [
    { step: 2, what: "cache", reason: "the simulator caches RUN after ENV" },
  ]);
  assert.equal(declared.undeclared, 0, "stdout differences of that build follow from the cache");
  assert.ok(declared.declared >= 2);
});

test("an extra pushed layer is reported as a push difference", async () => {
  const real = withStep(realRun(), 2, (text) =>
    text.replace("\n1: digest", "\nabcdefabcdef: Preparing\nabcdefabcdef: Pushed\n1: digest"),
  );
  const report = diffRuns(await simRun(), real, []);
  assert.deepEqual(
    entries(report).map((entry) => [entry.step, entry.what, entry.sim, entry.docker]),
    [[3, "push", "Pushed ×5", "Pushed ×6"]],
  );
});

test("a different Env and a different file mode are reported where they are", async () => {
  const real = withImage(realRun(), (image) => {
    const inspect = image.inspect as { Config: Record<string, unknown> };
    return {
      ...image,
      inspect: { ...inspect, Config: { ...inspect.Config, Env: ["PATH=/bin"] } },
      files: image.files.map((line) =>
        line.replace("app/words.txt\tfile 0644", "app/words.txt\tfile 0600"),
      ),
    };
  });
  const report = diffRuns(await simRun(), real, []);
  const found = entries(report).map((entry) => [entry.host, entry.what, entry.subject]);
  assert.deepEqual(found, [
    ["dev", "image.config.Env", "image 127.0.0.1:5000/h3-diff-27993-fx:1 config.Env"],
    ["dev", "image.files", "image 127.0.0.1:5000/h3-diff-27993-fx:1 file app/words.txt"],
  ]);
  assert.equal(report.undeclared, 2);
  const mode = entries(report)[1];
  assert.match(mode?.sim ?? "", /file 0644/);
  assert.match(mode?.docker ?? "", /file 0600/);
});

test("declarations make differences declared; ones that match nothing are reported unused", async () => {
  const real = withImage(realRun(), (image) => ({
    ...image,
    files: image.files.map((line) =>
      line.replace("app/words.txt\tfile 0644", "app/words.txt\tfile 0600"),
    ),
  }));
  const stale: DeclaredDifference = { step: 1, what: "stderr", reason: "stale" };
  const wrongHost: DeclaredDifference = { host: "prod", what: "files", reason: "other host" };
  const files: DeclaredDifference = {
    host: "dev",
    what: "files",
    match: "/words\\.txt/",
    reason: "umask",
  };
  const report = diffRuns(await simRun(), real, [stale, wrongHost, files]);
  assert.equal(report.undeclared, 0);
  assert.equal(report.declared, 1);
  assert.equal(entries(report)[0]?.reason, "umask");
  assert.deepEqual(report.unused, [stale, wrongHost]);
  const unmatched = diffRuns(await simRun(), real, [
    { what: "image.files", match: "greeting", reason: "x" },
  ]);
  assert.equal(unmatched.undeclared, 1, "a match that fits no side's text declares nothing");
});

test("a step only one side ran, and an image only one side has, are differences", async () => {
  const sim = await simRun();
  const real = realRun();
  const report = diffRuns(sim, { ...real, steps: real.steps.slice(0, 5), hosts: [] }, []);
  assert.deepEqual(
    entries(report).map((entry) => [entry.what, entry.sim, entry.docker]),
    [
      ["exit", "0", "(not run)"],
      ["image", "present", "absent"],
    ],
  );
});
