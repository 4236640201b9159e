import { SeededRng } from "../random/rng.ts";
import type { DocReader } from "./doc-reader.ts";
import type { ScenarioFile } from "./scenario.ts";
import type { ScenarioSource } from "./scenario-source.ts";

/** Running totals a scenario's files are checked against. */
export interface FileBudget {
  count: number;
  sizeBytes: number;
  readonly countMax: number;
  readonly sizeBytesMax: number;
}

const encoder = new TextEncoder();

/**
 * A `files:` mapping: `path: text`, `path: {content: text, mode: 0o755}`, `path: {dir: folder}`
 * (every file of a folder beside the scenario, placed under `path`; `.` for the top) or
 * `path: {random: 2MB}` (bytes that depend only on the path, so every seed sees the same).
 */
export function readFiles(options: {
  reader: DocReader;
  source: ScenarioSource;
  budget: FileBudget;
}): ScenarioFile[] {
  const { reader, source, budget } = options;
  const out: ScenarioFile[] = [];
  for (const [path, entry] of reader.entries(budget.countMax)) {
    const target = checkedPath(entry, path);
    if (typeof entry.value === "string") {
      out.push(counted(entry, budget, { path: target, data: encoder.encode(entry.string()) }));
      continue;
    }
    const kind = entry.keys(["content", "mode", "dir", "random"]);
    const mode = entry.key("mode").isMissing
      ? undefined
      : entry.key("mode").integer({ min: 0, max: 0o7777 });
    if (kind.includes("dir")) {
      const dir = entry.key("dir").string({ nonEmpty: true });
      const found = source.listFiles(source.besides(reader.file, dir), {
        sizeBytesMax: budget.sizeBytesMax - budget.sizeBytes,
      });
      if (found === undefined)
        return entry.key("dir").fail(`no folder "${dir}" beside the scenario`);
      for (const file of found) {
        const path = target === "." ? file.path : `${target}/${file.path}`;
        out.push(counted(entry, budget, { path, data: file.data, mode: mode ?? file.mode }));
      }
    } else if (kind.includes("random")) {
      const sizeBytes = entry.key("random").sizeBytes();
      counted(entry, budget, { path: target, data: new Uint8Array(0) }, sizeBytes);
      const data = SeededRng.fromSeed(`scenario-file/${target}`).bytes(sizeBytes);
      out.push({ path: target, data, ...(mode === undefined ? {} : { mode }) });
    } else if (kind.includes("content")) {
      const data = encoder.encode(entry.key("content").string());
      out.push(
        counted(entry, budget, { path: target, data, ...(mode === undefined ? {} : { mode }) }),
      );
    } else {
      entry.fail("expected text, or one of content:, dir:, random:");
    }
  }
  return out;
}

/** A relative path without `..`: files stay inside the client's working directory. */
function checkedPath(entry: DocReader, path: string): string {
  if (path === ".") return path;
  const parts = path.split("/");
  if (path.startsWith("/") || parts.some((part) => part === ".." || part === "" || part === "."))
    entry.fail('expected a relative path without "..", "." or empty parts');
  return path;
}

function counted(
  entry: DocReader,
  budget: FileBudget,
  file: ScenarioFile,
  sizeBytes = file.data.length,
): ScenarioFile {
  budget.count++;
  budget.sizeBytes += sizeBytes;
  if (budget.count > budget.countMax)
    entry.fail(`a scenario may hold at most ${budget.countMax} files`);
  if (budget.sizeBytes > budget.sizeBytesMax)
    entry.fail(`a scenario's files may hold at most ${budget.sizeBytesMax} bytes together`);
  return file;
}
