import assert from "node:assert/strict";
import { test } from "node:test";
import { Placeholders } from "../../../../src/scenario/diff/placeholders.ts";
import {
  cachePattern,
  observeStep,
  streamObservation,
} from "../../../../src/scenario/diff/step-observation.ts";
import { fixture } from "./fixture-runs.ts";

test("the cache pattern of a real first and second build", () => {
  const ids = new Placeholders();
  const first = observeStep({ stdout: fixture("build1.stdout"), stderr: "" }, ids);
  const second = observeStep({ stdout: fixture("build2.stdout"), stderr: "" }, ids);
  assert.deepEqual(first.cache, [
    "1/6 miss",
    "2/6 miss",
    "3/6 miss",
    "4/6 miss",
    "5/6 miss",
    "6/6 miss",
  ]);
  assert.deepEqual(second.cache, [
    "1/6 miss",
    "2/6 hit",
    "3/6 hit",
    "4/6 hit",
    "5/6 hit",
    "6/6 hit",
  ]);
});

test("a real push: progress lines become the multiset of final statuses", () => {
  const push = observeStep({ stdout: fixture("push1.stdout"), stderr: "" }, new Placeholders());
  assert.deepEqual(push.stdout.finalStatuses, Array(5).fill("Pushed"));
  assert.deepEqual(push.stdout.lines, [
    "The push refers to repository [127.0.0.1:5000/h3-diff-27993-fx]",
    "1: digest: <D1> size: <size>",
  ]);
  const again = observeStep({ stdout: fixture("push2.stdout"), stderr: "" }, new Placeholders());
  assert.deepEqual(again.stdout.finalStatuses, Array(5).fill("Layer already exists"));
  const pull = observeStep({ stdout: fixture("pull1.stdout"), stderr: "" }, new Placeholders());
  assert.deepEqual(pull.stdout.finalStatuses, [
    "Already exists",
    "Already exists",
    "Pull complete",
    "Pull complete",
    "Pull complete",
  ]);
});

test("racy interleavings of the same progress compare equal; a different final status does not", () => {
  const lines = fixture("pull1.stdout").split("\n");
  const progress = lines.filter((line) => /^[0-9a-f]{12}: /.test(line));
  const others = lines.filter((line) => !/^[0-9a-f]{12}: /.test(line));
  // Another legal order: each layer's own lines keep their order, layers interleave differently.
  const byLayer = (layer: string) => progress.filter((line) => line.startsWith(layer));
  const layers = [...new Set(progress.map((line) => line.slice(0, 12)))].reverse();
  const reordered = [others[0] ?? "", ...layers.flatMap(byLayer), ...others.slice(1)].join("\n");
  const a = observeStep({ stdout: fixture("pull1.stdout"), stderr: "" }, new Placeholders());
  const b = observeStep({ stdout: reordered, stderr: "" }, new Placeholders());
  assert.deepEqual(b.stdout, a.stdout);
  const failed = reordered.replace(
    /(\n[0-9a-f]{12}: )Pull complete(\n[^\n]*)$/m,
    "$1Download complete$2",
  );
  const c = observeStep({ stdout: failed, stderr: "" }, new Placeholders());
  assert.notDeepEqual(c.stdout.finalStatuses, a.stdout.finalStatuses);
});

test("retry countdowns count as rounds, whatever their length", () => {
  const countdown = [
    "<L1>: Preparing",
    "<L1>: Retrying in 5 seconds",
    "<L1>: Retrying in 4 seconds",
  ];
  const observed = streamObservation([
    ...countdown,
    "<L1>: Retrying in 10 seconds",
    "<L1>: Retrying in 9 seconds",
    "<L2>: Retrying in 5 seconds",
    "<L1>: Pushed",
    "<L2>: Pushed",
  ]);
  assert.equal(observed.retryRounds, 3);
  assert.deepEqual(observed.finalStatuses, ["Pushed", "Pushed"]);
});

test("a build's pattern counts a step as a hit only when Using cache follows it", () => {
  assert.deepEqual(
    cachePattern([
      "Step 1/2 : FROM x",
      " ---> <I1>",
      "Step 2/2 : RUN y",
      " ---> Using cache",
      " ---> <I2>",
    ]),
    ["1/2 miss", "2/2 hit"],
  );
});
