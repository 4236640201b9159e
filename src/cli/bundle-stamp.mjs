// Plain JavaScript on purpose: `bin.mjs` runs this before anything can load TypeScript.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Where the CLI bundle and its stamp live, under the project root (git ignores `dist/`). */
export const BUNDLE_DIR = join("dist", "cli");

/** The stamp's format; a bundle with another format is rebuilt. */
export const STAMP_FORMAT = 1;

/**
 * The entry of the CLI bundle under `root`, if one was built from exactly the files that are
 * there now: every input the bundler read (sources and packages) still has the size and mtime it
 * had. Otherwise (none, stale, damaged, moved checkout, other Node): undefined.
 *
 * @param {string} root the project root
 * @returns {string | undefined}
 */
export function freshBundleEntry(root) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, BUNDLE_DIR, "stamp.json"), "utf8"));
  } catch {
    return undefined;
  }
  if (
    stamp?.format !== STAMP_FORMAT ||
    stamp.root !== root ||
    stamp.node !== process.version ||
    typeof stamp.build !== "string" ||
    !Array.isArray(stamp.inputs)
  )
    return undefined;
  for (const input of stamp.inputs) {
    if (!Array.isArray(input) || input.length !== 3) return undefined;
    const [path, mtimeMs, sizeBytes] = input;
    const info = statSync(join(root, path), { throwIfNoEntry: false });
    if (info === undefined || info.mtimeMs !== mtimeMs || info.size !== sizeBytes) return undefined;
  }
  return join(root, BUNDLE_DIR, stamp.build, "main.cjs");
}
