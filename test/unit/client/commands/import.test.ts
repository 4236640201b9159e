import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ImportOptions } from "../../../../src/engine/engine.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

/*
 * The CLI's side of `docker import`, as docker CLI 28 behaved against dockerd 20.10 on the
 * build machine: the status line (the image ID) printed, REPOSITORY[:TAG] checked before the
 * daemon is called, a missing file in Go's os.Open wording.
 */
describe("docker import", () => {
  it("sends stdin, the repository, the message and the changes; prints the image ID", async () => {
    const calls: [number, ImportOptions | undefined][] = [];
    const engine = fakeEngine({
      imageImport: (archive, options) => {
        calls.push([archive.length, options]);
        return iterate([{ status: `sha256:${"a".repeat(64)}` }]);
      },
    });
    const result = await runLine(
      engine,
      ["import", "-m", "a msg", "-c", 'CMD ["sh"]', "-", "imp:2"],
      { stdin: "not really a tar" },
    );
    assert.deepEqual([result.stdout, result.exitCode], [`sha256:${"a".repeat(64)}\n`, 0]);
    assert.deepEqual(calls, [
      [16, { repo: "imp", tag: "2", message: "a msg", changes: ['CMD ["sh"]'] }],
    ]);
  });

  it("checks the reference and the file before the daemon", async () => {
    const engine = fakeEngine({});
    const bad = await runLine(engine, ["import", "-", "BAD:tag"], { stdin: "x" });
    assert.deepEqual(
      [bad.stderr, bad.exitCode],
      ["invalid reference format: repository name (library/BAD) must be lowercase\n", 1],
    );
    const missing = await runLine(engine, ["import", "nosuch.tar", "x:1"]);
    assert.deepEqual(
      [missing.stderr, missing.exitCode],
      ["open nosuch.tar: no such file or directory\n", 1],
    );
    assert.deepEqual(engine.calls, []);
  });
});
