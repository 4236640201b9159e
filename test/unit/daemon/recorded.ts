import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface RecordedCase {
  readonly case: string;
  readonly status: number;
  readonly message: string;
}

const file = fileURLToPath(new URL("../../fixtures/daemon/dockerd-errors.json", import.meta.url));
const cases: readonly RecordedCase[] = (
  JSON.parse(readFileSync(file, "utf8")) as { cases: RecordedCase[] }
).cases;

/** dockerd's recorded message for a case, with the placeholders filled in. */
export function recordedMessage(
  name: string,
  values: Readonly<Record<string, string>> = {},
): string {
  const found = cases.find((entry) => entry.case === name);
  if (found === undefined) throw new Error(`no recorded case ${name}`);
  return found.message.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The HTTP status dockerd answered for a case. */
export function recordedStatus(name: string): number {
  const found = cases.find((entry) => entry.case === name);
  if (found === undefined) throw new Error(`no recorded case ${name}`);
  return found.status;
}
