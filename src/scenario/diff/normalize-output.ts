import { exportFiles } from "./export-files.ts";
import type { Placeholders } from "./placeholders.ts";

/**
 * How the docker CLI's output is normalised before two runs' outputs are compared. Each rule
 * removes something that differs between two correct runs and nothing else; what no rule names
 * is compared as printed.
 *
 * - Terminal noise: CRLF, ANSI escapes, and a line redrawn with `\r` (a progress bar) keeps its
 *   last state.
 * - The legacy-builder banner (`DEPRECATED: The legacy builder is deprecated…` and its indented
 *   lines) goes: its wording depends on the CLI version and on whether buildx is installed.
 * - IDs (image, container, layer IDs and digests, short or full) become placeholders numbered in
 *   order of first appearance (`Placeholders`): they are random (containers) or hash content that
 *   differs by design (the simulator's busybox), while repeats (a cache hit reusing an image)
 *   stay visible.
 * - Host details: overlay2 paths and the DNS server's address in resolver errors.
 * - With `volatile` (the `scenario diff` comparison, not the differential corpus): sizes
 *   (`1.99MB`, `3.072kB`, a manifest's `size: 1356`, whose digits follow the busybox layer's
 *   size), relative times (`2 seconds ago`, `Up 3 minutes`; not a retry's `Retrying in 5 seconds`, a
 *   countdown the comparison counts), timestamps and Go durations
 *   (`1.5s`, `250ms`): they follow wall-clock time and byte counts, not behaviour.
 */
export interface NormalizeOptions {
  /** Replace sizes, times and durations too (see above). */
  readonly volatile: boolean;
  /**
   * Replace every hex ID (`true`), or only full IDs in the places the CLI prints them plus IDs
   * already named (`false`: a stray hex word stays visible, as the differential corpus wants).
   */
  readonly allIds: boolean;
}

/** A command's output as lines: CRLF and ANSI escapes gone, `\r`-redrawn lines at their last state. */
export function outputLines(text: string): string[] {
  const lines = text
    .replace(/\r\n/g, "\n")
    .replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "")
    .split("\n")
    // A progress line is redrawn after `\r`; trailing ones (`3.072kB\r\r\n`) redraw nothing.
    .map((line) => line.replace(/\r+$/, ""))
    .map((line) => line.slice(line.lastIndexOf("\r") + 1));
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

const BANNER_START = /^DEPRECATED: The legacy builder is deprecated/;
const BANNER_MORE = /^ {12}\S/;

/** The lines without the legacy builder's deprecation banner (and the empty line after it). */
export function dropBuilderBanner(lines: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    if (!BANNER_START.test(lines[index] ?? "")) {
      kept.push(lines[index] ?? "");
      continue;
    }
    while (BANNER_MORE.test(lines[index + 1] ?? "x")) index++;
    if (lines[index + 1] === "") index++;
  }
  return kept;
}

/** A line with its IDs replaced by placeholders and host details gone. */
export function normalizeIds(line: string, ids: Placeholders, allIds: boolean): string {
  let out = line
    .replace(/^( ---> )([0-9a-f]{12})$/, (_all, arrow: string, id: string) => arrow + ids.image(id))
    .replace(
      /^(Successfully built )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.image(id),
    )
    .replace(
      /^( ---> Running in )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.container(id),
    )
    .replace(
      /^(Removing intermediate container )([0-9a-f]{12})$/,
      (_all, text: string, id: string) => text + ids.container(id),
    )
    .replace(/\/[^ ]*\/overlay2\/[0-9a-f]+\/merged/g, "")
    .replace(/ on [0-9.]+:53: no such host/g, ": no such host")
    .replace(/^((?:Deleted: )?sha256:)([0-9a-f]{64})$/, (_all, text: string, id: string) =>
      text.startsWith("Deleted") ? `Deleted: ${ids.image(id)}` : ids.image(id),
    )
    // `docker run -d` and `docker create` print the new container's full ID.
    .replace(/^[0-9a-f]{64}$/, (id) => ids.container(id));
  if (allIds) {
    out = out
      .replace(/^([0-9a-f]{12})(: )/, (_all, id: string, sep: string) => ids.name("L", id) + sep)
      .replace(/sha256:[0-9a-f]{64}\b/g, (id) => ids.known(id) ?? ids.name("D", id))
      .replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{12}\b/g, (id) => ids.known(id) ?? ids.name("X", id));
  }
  // IDs inside messages (`container 4366295bfc7b is using its referenced image …`) that were
  // named already.
  return out.replace(/\b[0-9a-f]{64}\b|\b[0-9a-f]{12}\b/g, (id) => ids.known(id) ?? id);
}

const SIZE = /\b\d+(?:\.\d+)? ?(?:[kKMGTP]i?B|B)\b/g;
const RELATIVE_TIME =
  /\b(?:\d+|About an?|Less than a) (?:second|minute|hour|day|week|month|year)s?( ago)\b/g;
const UPTIME =
  /\b(Up )(?:\d+|About an?|Less than a) (?:second|minute|hour|day|week|month|year)s?\b/g;
const RFC3339 = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)/g;
const GO_TIME = /\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} [A-Z]+\b/g;
const DURATION = /\b(?:\d+(?:\.\d+)?(?:h|m|s|ms|us|µs|ns))+\b/g;

/** A line with its sizes, times and durations replaced (see `NormalizeOptions.volatile`). */
export function normalizeVolatile(line: string): string {
  return line
    .replace(RFC3339, "<timestamp>")
    .replace(GO_TIME, "<timestamp>")
    .replace(SIZE, "<size>")
    .replace(/\b(size: )\d+\b/g, "$1<size>")
    .replace(RELATIVE_TIME, "<time>$1")
    .replace(UPTIME, "$1<time>")
    .replace(DURATION, "<duration>");
}

/** A command's output, normalised as `NormalizeOptions` says. */
export function normalizeOutput(
  text: string,
  ids: Placeholders,
  options: NormalizeOptions,
): string[] {
  const archive = tarListing(text);
  if (archive !== undefined) return archive;
  const lines = dropBuilderBanner(outputLines(text)).map((line) =>
    normalizeIds(line, ids, options.allIds),
  );
  return options.volatile ? lines.map(normalizeVolatile) : lines;
}

/**
 * A tar archive a command wrote to stdout (`docker cp CONTAINER:PATH -`, `docker save`,
 * `docker export`) as its entries, one line each (`export-files.ts`): its headers carry the
 * instants the files were written, which differ on every run. Undefined for anything else,
 * and for an archive whose bytes did not survive being read as text.
 */
function tarListing(text: string): string[] | undefined {
  if (text.length < 512 || text.slice(257, 262) !== "ustar") return undefined;
  try {
    return exportFiles(new TextEncoder().encode(text));
  } catch {
    return undefined;
  }
}
