import assert from "node:assert/strict";
import { test } from "node:test";
import { foldProgress } from "../../../src/scenario/fold-progress.ts";

const A = "a61002d8efd7";
const B = "d0f09b856157";

test("a pull's progress folds to a count by status and each layer's last line", () => {
  const lines = [
    "1: Pulling from hello",
    `${A}: Pulling fs layer`,
    `${B}: Pulling fs layer`,
    `${B}: Waiting`,
    `${A}: Verifying Checksum`,
    `${A}: Download complete`,
    `${A}: Pull complete`,
    `${B}: Download complete`,
    `${B}: Pull complete`,
    "Digest: sha256:2482a16871a9",
    "Status: Downloaded newer image for hello:1",
  ];
  assert.deepEqual(foldProgress(lines), [
    "1: Pulling from hello",
    "… 6 progress lines: Pulling fs layer ×2, Waiting ×1, Verifying Checksum ×1, Download complete ×2 …",
    `${A}: Pull complete`,
    `${B}: Pull complete`,
    "Digest: sha256:2482a16871a9",
    "Status: Downloaded newer image for hello:1",
  ]);
});

test("a layer that never finished keeps the line where it stood; short runs stay whole", () => {
  const failed = [
    `${A}: Preparing`,
    `${B}: Preparing`,
    `${A}: Waiting`,
    `${A}: Pushing`,
    `${A}: Retrying in 5 seconds`,
    `${B}: Pushed`,
  ];
  assert.deepEqual(foldProgress(failed), [
    "… 4 progress lines: Preparing ×2, Waiting ×1, Pushing ×1 …",
    `${A}: Retrying in 5 seconds`,
    `${B}: Pushed`,
  ]);
  const short = [`${A}: Preparing`, `${B}: Preparing`, `${A}: Pushed`, `${B}: Pushed`];
  assert.deepEqual(foldProgress(short), short);
  assert.deepEqual(foldProgress([]), []);
});
