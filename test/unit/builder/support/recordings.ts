import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CASE_GROUPS } from "../../../fixtures/builder/cases/index.ts";
import type {
  DaemonCase,
  DaemonRecording,
  DaemonRecordingFile,
} from "../../../fixtures/builder/daemon-case.ts";

const RECORDED = join(import.meta.dirname, "..", "..", "..", "fixtures", "builder", "recorded");

/** A case and what the real Docker 20.10 daemon answered. */
export interface RecordedCase {
  readonly testCase: DaemonCase;
  readonly recording: DaemonRecording;
}

/** The cases of one group with their recordings (every case must have been recorded). */
export function recordedGroup(group: string): RecordedCase[] {
  const file = JSON.parse(
    readFileSync(join(RECORDED, `${group}.json`), "utf8"),
  ) as DaemonRecordingFile;
  const cases = CASE_GROUPS[group];
  if (cases === undefined) throw new Error(`no case group ${group}`);
  return cases.map((testCase) => {
    const recording = file.cases.find((entry) => entry.name === testCase.name);
    if (recording === undefined) throw new Error(`${group}/${testCase.name} was not recorded`);
    return { testCase, recording };
  });
}

/** The message of an error the daemon returned before building (`Error response from daemon: …`). */
export function responseError(recording: DaemonRecording): string | undefined {
  const line = recording.stderr.find((entry) => entry.startsWith("Error response from daemon: "));
  return line?.slice("Error response from daemon: ".length);
}

/** The error the build stream ended with (after some steps ran), if any. */
export function streamError(recording: DaemonRecording): string | undefined {
  if (recording.exitCode === 0 || responseError(recording) !== undefined) return undefined;
  return recording.stderr.at(-1);
}

/** The `Step N/M : text` lines. */
export function stepLines(recording: DaemonRecording): string[] {
  return recording.stdout.filter((line) => /^Step \d+\/\d+ : /.test(line));
}
