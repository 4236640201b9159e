import assert from "node:assert/strict";
import { test } from "node:test";
import { tarEntry } from "../../../../src/archive/tar-entry.ts";
import { writeTar } from "../../../../src/archive/tar-writer.ts";
import { diffRuns } from "../../../../src/scenario/diff/diff-runs.ts";
import { normalizeOutput } from "../../../../src/scenario/diff/normalize-output.ts";
import type { ObservedRun } from "../../../../src/scenario/diff/observed-run.ts";
import { Placeholders } from "../../../../src/scenario/diff/placeholders.ts";
import { DIFF_NORMALIZATION } from "../../../../src/scenario/diff/step-observation.ts";

function cpArchive(mtimeUs: number, content: string): string {
  const tar = writeTar([
    tarEntry({
      path: "new",
      type: "file",
      mode: 0o644,
      mtimeUs,
      data: new TextEncoder().encode(content),
    }),
  ]);
  return new TextDecoder().decode(tar);
}

test("a tar on stdout (docker cp … -) is compared by its entries, not its write times", () => {
  const ids = new Placeholders();
  const early = normalizeOutput(cpArchive(1_767_225_600_000_000, "new\n"), ids, DIFF_NORMALIZATION);
  const late = normalizeOutput(cpArchive(1_790_000_000_000_000, "new\n"), ids, DIFF_NORMALIZATION);
  assert.deepEqual(early, late);
  assert.equal(early.length, 1);
  assert.match(early[0]!, /^new\tfile 0644 0:0 4 [0-9a-f]{12}$/);
  const other = normalizeOutput(cpArchive(1_767_225_600_000_000, "old\n"), ids, DIFF_NORMALIZATION);
  assert.notDeepEqual(other, early);
});

function withContainer(image: string): ObservedRun {
  return {
    backend: "x",
    steps: [],
    hosts: [
      {
        host: "dev",
        images: [],
        containers: [
          {
            name: "eager_turing",
            inspect: {
              Created: "1",
              Config: { Image: image, Cmd: ["/bin/sh", "-c", "false"] },
              State: { Status: "exited", ExitCode: 1 },
            },
            files: [],
          },
        ],
      },
    ],
  };
}

test("a container made from an image ID (a failed RUN) compares equal across backends; a named image does not", () => {
  const simId = `sha256:${"a".repeat(64)}`;
  const realId = `sha256:${"b".repeat(64)}`;
  assert.equal(diffRuns(withContainer(simId), withContainer(realId), []).undeclared, 0);
  assert.equal(diffRuns(withContainer("app:1"), withContainer("app:2"), []).undeclared, 1);
});
