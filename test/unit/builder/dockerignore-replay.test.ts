/**
 * Replays the recorded `.dockerignore` runs of the real Docker CLI 28 + daemon 20.10: the files
 * `COPY . /ctx` copied (listed by `find`) must be what the matcher lets the CLI send, minus the
 * build files the daemon removes, plus the parent directories COPY creates.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  contextExcludes,
  DockerignoreMatcher,
  parseDockerignore,
  removedBuildFiles,
} from "../../../src/builder/dockerignore.ts";
import { recordedGroup } from "./support/recordings.ts";

function parents(path: string): string[] {
  const parts = path.split("/");
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** What `find /ctx | sort` prints after the build, according to the matcher. */
function copiedListing(files: Readonly<Record<string, string>>): string[] {
  const patterns = parseDockerignore(files[".dockerignore"] ?? "");
  const matcher = new DockerignoreMatcher(contextExcludes(patterns));
  const all = [...Object.keys(files), "Dockerfile"];
  const dirs = new Set(all.flatMap((file) => parents(file).slice(0, -1)));
  const removed = removedBuildFiles(patterns);
  const sent = [...all, ...dirs].filter(
    (path) => matcher.includes(path) && !removed.includes(path),
  );
  const present = new Set(sent.flatMap(parents));
  return ["/ctx", ...[...present].map((path) => `/ctx/${path}`)].sort();
}

describe("daemon recordings: dockerignore", () => {
  for (const { testCase, recording } of recordedGroup("dockerignore")) {
    it(testCase.name, () => {
      const files = testCase.files ?? {};
      if (recording.exitCode !== 0) {
        // The CLI reports pattern errors as `error checking context: <Docker's message>`.
        assert.throws(() => copiedListing(files), {
          message: recording.stderr.at(-1)?.replace("error checking context: ", ""),
        });
        return;
      }
      assert.deepEqual(
        copiedListing(files),
        recording.stdout.filter((line) => line.startsWith("/ctx")),
      );
    });
  }
});
