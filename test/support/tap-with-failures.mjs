/**
 * The node test runner's TAP output, with the failed tests listed again just before the closing
 * `# tests … # duration_ms` block. CI reads that block from the end of the log and often shows
 * only the last lines; a `not ok` 2,000 tests up would be out of sight, so each failure is
 * repeated here as a TAP comment (file, test name, the error's first line).
 *
 * Plain JavaScript: the runner loads reporters before `--import tsx` applies to them.
 */
import { tap } from "node:test/reporters";

/** @typedef {{ type: string; data: Record<string, unknown> }} TestEvent */

/** How many failures are repeated at the end (the rest are counted). */
const LISTED_FAILURES_MAX = 50;

/** @param {Record<string, unknown>} data @returns {string | undefined} */
function failureLine(data) {
  const error = /** @type {any} */ (data.details)?.error;
  // A suite fails when a subtest does; its own line would only repeat the subtest's.
  if (error?.failureType === "subtestsFailed") return undefined;
  const cause = error?.cause;
  const message = String(cause?.message ?? error?.message ?? "").split("\n")[0] ?? "";
  const file = typeof data.file === "string" ? data.file.replace(`${process.cwd()}/`, "") : "?";
  return `${file} › ${String(data.name)}: ${message.slice(0, 300)}`;
}

/** @param {AsyncIterable<TestEvent>} source */
export default async function* tapWithFailures(source) {
  /** @type {string[]} */
  const failures = [];
  let listed = false;
  async function* withFailureList() {
    for await (const event of source) {
      if (event.type === "test:fail") {
        const line = failureLine(event.data);
        if (line !== undefined) failures.push(line);
      }
      const message = event.data.message;
      const closing =
        event.type === "test:diagnostic" &&
        event.data.nesting === 0 &&
        typeof message === "string" &&
        message.startsWith("tests ");
      if (closing && !listed && failures.length > 0) {
        listed = true;
        const shown = failures.slice(0, LISTED_FAILURES_MAX);
        const more = failures.length - shown.length;
        const lines = [
          `failed tests (${failures.length}):`,
          ...shown.map((line) => `  ✖ ${line}`),
          ...(more > 0 ? [`  … and ${more} more`] : []),
        ];
        for (const line of lines)
          yield { type: "test:diagnostic", data: { nesting: 0, message: line } };
      }
      yield event;
    }
  }
  yield* tap(/** @type {any} */ (withFailureList()));
}
