import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { runScript } from "./data-harness.ts";

const FIXTURES = new URL("../../../fixtures/", import.meta.url);

/** A case recorded from busybox 1.35 by test/fixtures/runtime/archive-applets/record.py. */
export interface RecordedCase {
  readonly case: string;
  readonly exitCode: number;
  /** stdout, base64. */
  readonly stdout: string;
  readonly stderr: string;
}

/** The recorded cases of `name` (`unzip-recorded.json`, …). */
export function recordedCases(name: string): RecordedCase[] {
  return JSON.parse(readFileSync(new URL(`runtime/archive-applets/${name}`, FIXTURES), "utf8"));
}

/** Every file the recordings ran next to (codec, zip and cpio fixtures), under `w/`. */
function workFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const dir of ["archive/codecs/", "archive/zip/", "archive/cpio/"]) {
    for (const name of readdirSync(new URL(dir, FIXTURES))) {
      if (name === "README.md") continue;
      files[`w/${name}`] = new Uint8Array(readFileSync(new URL(dir + name, FIXTURES)));
    }
  }
  return files;
}

/** Runs a recorded case in a simulated busybox container and compares all three outputs. */
export async function replay(recorded: RecordedCase): Promise<void> {
  const run = await runScript(`cd /w\n${recorded.case}`, workFiles());
  const expected = Buffer.from(recorded.stdout, "base64");
  assert.equal(
    Buffer.from(run.stdoutBytes).toString("latin1"),
    expected.toString("latin1"),
    `stdout of ${recorded.case}`,
  );
  assert.equal(run.stderr, recorded.stderr, `stderr of ${recorded.case}`);
  assert.equal(run.exitCode, recorded.exitCode, `exit code of ${recorded.case}`);
}
