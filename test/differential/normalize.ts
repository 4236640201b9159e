/**
 * Normalisation shared by the recorder (real Docker) and the replay (drydock): IDs become
 * placeholders numbered in order of first appearance (`<I1>` images, `<C1>` containers), so
 * that a cache hit (the same ID again) stays visible; times become `<time>`; what only the real
 * host prints (context size, the legacy-builder banner, overlay paths, DNS server) goes.
 */

import { readTar } from "../../src/archive/tar-reader.ts";
import {
  dropBuilderBanner,
  normalizeIds,
  outputLines,
} from "../../src/scenario/diff/normalize-output.ts";
import { Placeholders } from "../../src/scenario/diff/placeholders.ts";

export { normalizeCreatedBy } from "../../src/scenario/diff/normalize-history.ts";
export { Placeholders };

/** The lines a CLI command printed, normalised (the context size line goes too). */
export function normalizeLines(text: string, ids: Placeholders): string[] {
  const kept = dropBuilderBanner(outputLines(text)).filter(
    (line) => !line.startsWith("Sending build context to Docker daemon"),
  );
  // The CLI follows its banner with an empty line.
  while (kept[0] === "") kept.shift();
  return kept.map((line) => normalizeIds(line, ids, false));
}

/**
 * An archive `docker cp … -` wrote, as lines: each entry's type, mode, owner, size and name, then
 * a file's text. Its times are the moments the container wrote the files, so they go.
 */
export function normalizeTar(bytes: Uint8Array): string[] {
  const decoder = new TextDecoder();
  return readTar(bytes).flatMap((entry) => {
    const name = entry.type === "symlink" ? `${entry.path} -> ${entry.linkTarget}` : entry.path;
    const head = [
      entry.type,
      entry.mode.toString(8).padStart(4, "0"),
      `${entry.uid}:${entry.gid}`,
      `${entry.uname}/${entry.gname}`,
      String(entry.data.length),
      name,
    ].join(" ");
    if (entry.type !== "file") return [head];
    return [head, ...normalizeLines(decoder.decode(entry.data), new Placeholders())];
  });
}

/** A container config (API JSON) with its IDs replaced. */
export function normalizeConfig(config: unknown, ids: Placeholders): unknown {
  if (config === null || typeof config !== "object") return config;
  const copy = { ...(config as Record<string, unknown>) };
  if (typeof copy.Image === "string") copy.Image = ids.image(copy.Image);
  if (typeof copy.Hostname === "string" && /^[0-9a-f]{12}$/.test(copy.Hostname)) {
    copy.Hostname = ids.container(copy.Hostname);
  }
  return copy;
}
