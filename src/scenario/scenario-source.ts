/**
 * Where a scenario's files come from: the scenario document and the folders beside it that
 * `dir:` entries name. Synchronous, so validation stays one pass; the CLI backs it with
 * `node:fs` (`src/cli/node-scenario-source.ts`), a browser or a test with a map.
 */
export interface ScenarioSource {
  /** The text of a file; undefined when there is none. */
  readText(path: string): string | undefined;
  /**
   * Every regular file under a folder, recursively, with paths relative to it (sorted);
   * undefined when the folder does not exist. `sizeBytesMax` bounds the total read.
   */
  listFiles(
    dir: string,
    options: { sizeBytesMax: number },
  ): readonly { path: string; data: Uint8Array; mode: number }[] | undefined;
  /** Joins a path relative to a file's folder (`dirOf("a/b.yaml")` + `app` → `a/app`). */
  besides(file: string, relative: string): string;
}

/** A source over an in-memory map of paths to text (tests, browsers, built-in scenarios). */
export function memoryScenarioSource(files: Readonly<Record<string, string>>): ScenarioSource {
  const encoder = new TextEncoder();
  return {
    readText: (path) => files[normalize(path)],
    listFiles(dir) {
      const prefix = `${normalize(dir)}/`;
      const found = Object.keys(files)
        .filter((path) => path.startsWith(prefix))
        .sort()
        .map((path) => ({
          path: path.slice(prefix.length),
          data: encoder.encode(files[path]!),
          mode: 0o644,
        }));
      return found.length === 0 ? undefined : found;
    },
    besides: (file, relative) => {
      const slash = file.lastIndexOf("/");
      return normalize(slash < 0 ? relative : `${file.slice(0, slash)}/${relative}`);
    },
  };
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}
