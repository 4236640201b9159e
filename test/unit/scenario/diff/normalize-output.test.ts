import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dropBuilderBanner,
  normalizeOutput,
  normalizeVolatile,
  outputLines,
} from "../../../../src/scenario/diff/normalize-output.ts";
import { Placeholders } from "../../../../src/scenario/diff/placeholders.ts";
import { DIFF_NORMALIZATION } from "../../../../src/scenario/diff/step-observation.ts";
import { fixture } from "./fixture-runs.ts";

test("a real build's output: banner gone, IDs numbered by first appearance, context size replaced", () => {
  const ids = new Placeholders();
  const stderr = normalizeOutput(fixture("build1.stderr"), ids, DIFF_NORMALIZATION);
  assert.deepEqual(stderr, []);
  const first = normalizeOutput(fixture("build1.stdout"), ids, DIFF_NORMALIZATION);
  assert.equal(first[0], "Sending build context to Docker daemon  <size>");
  assert.deepEqual(first.slice(1, 7), [
    "Step 1/6 : FROM busybox",
    " ---> <I1>",
    "Step 2/6 : WORKDIR /app",
    " ---> Running in <C1>",
    "Removing intermediate container <C1>",
    " ---> <I2>",
  ]);
  assert.equal(first.at(-2), "Successfully built <I6>");
  // The second build reuses every image: the same placeholders show the cache hits.
  const second = normalizeOutput(fixture("build2.stdout"), ids, DIFF_NORMALIZATION);
  assert.deepEqual(second.slice(-4), [
    " ---> Using cache",
    " ---> <I6>",
    "Successfully built <I6>",
    "Successfully tagged 127.0.0.1:5000/h3-diff-27993-fx:1",
  ]);
});

test("a real push and pull: layer IDs, digests and the manifest size become placeholders", () => {
  const ids = new Placeholders();
  const push = normalizeOutput(fixture("push1.stdout"), ids, DIFF_NORMALIZATION);
  assert.equal(push[1], "<L1>: Preparing");
  assert.equal(push.at(-1), "1: digest: <D1> size: <size>");
  const pull = normalizeOutput(fixture("pull1.stdout"), ids, DIFF_NORMALIZATION);
  assert.equal(pull.at(-3), "Digest: <D1>", "the same manifest digest keeps its name");
  assert.equal(pull.at(-1), "127.0.0.1:5000/h3-diff-27993-fx:1");
});

test("terminal noise: CRLF, ANSI colours, redrawn progress lines, trailing carriage returns", () => {
  assert.deepEqual(outputLines("a\r\n\u001b[1mb\u001b[0m\nx: 10%\rx: 100%\nsize 3kB\r\r\n"), [
    "a",
    "b",
    "x: 100%",
    "size 3kB",
  ]);
});

test("both wordings of the legacy-builder banner go, and only the banner", () => {
  const sim =
    "DEPRECATED: The legacy builder is deprecated and will be removed in a future release.\n            Install the buildx component to build images with BuildKit:\n            https://docs.docker.com/go/buildx/\n\nerror line\n";
  assert.deepEqual(dropBuilderBanner(outputLines(sim)), ["error line"]);
  assert.deepEqual(dropBuilderBanner(["            indented output", ""]), [
    "            indented output",
    "",
  ]);
});

test("sizes, relative times, timestamps and durations are replaced; other numbers are kept", () => {
  assert.equal(
    normalizeVolatile("busybox latest <I1> 6 hours ago 1.99MB"),
    "busybox latest <I1> <time> ago <size>",
  );
  assert.equal(normalizeVolatile("Up 3 seconds"), "Up <time>");
  assert.equal(normalizeVolatile("Exited (0) About a minute ago"), "Exited (0) <time> ago");
  assert.equal(
    normalizeVolatile("at 2026-11-28T05:27:53.12Z took 1.5s"),
    "at <timestamp> took <duration>",
  );
  assert.equal(
    normalizeVolatile("(3 words, counted at build time)"),
    "(3 words, counted at build time)",
  );
  assert.equal(normalizeVolatile("Retrying in 5 seconds"), "Retrying in 5 seconds");
  assert.equal(normalizeVolatile("Step 1/6 : COPY a.txt ."), "Step 1/6 : COPY a.txt .");
});

test("without allIds only IDs in known places are named, so a stray hex word stays visible", () => {
  const ids = new Placeholders();
  const stray = "deadbeefcafe";
  const strict = normalizeOutput(`${stray}\n`, ids, { volatile: false, allIds: false });
  assert.deepEqual(strict, [stray]);
  const loose = normalizeOutput(`${stray}\n`, new Placeholders(), DIFF_NORMALIZATION);
  assert.deepEqual(loose, ["<X1>"]);
});
