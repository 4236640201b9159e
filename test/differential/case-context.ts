/**
 * A case's build context as files with bytes, modes and mtimes, shared by the recorder (which
 * writes it to a directory for the docker CLI) and the replay (which tars it as the CLI does).
 */
import { gzip } from "../../src/archive/gzip.ts";
import { type TarEntry, tarEntry } from "../../src/archive/tar-entry.ts";
import { writeTar } from "../../src/archive/tar-writer.ts";
import type { CaseFile } from "./diff-case.ts";

/** Every context file starts with this mtime (2026-01-01); `touch` moves one a day later. */
export const CONTEXT_MTIME_US = 1_767_225_600_000_000;
export const TOUCHED_MTIME_US = CONTEXT_MTIME_US + 86_400_000_000;

export interface ContextFile {
  readonly data: Uint8Array;
  readonly mode: number;
  readonly mtimeUs: number;
}

const encoder = new TextEncoder();

export function materialize(file: CaseFile): ContextFile {
  if (typeof file === "string")
    return { data: encoder.encode(file), mode: 0o644, mtimeUs: CONTEXT_MTIME_US };
  if ("content" in file)
    return { data: encoder.encode(file.content), mode: file.mode, mtimeUs: CONTEXT_MTIME_US };
  const entries = Object.entries(file.archive).flatMap(([path, content]) => {
    const parts = path.split("/");
    const dirs = parts.slice(0, -1).map((_, i) =>
      tarEntry({
        path: parts.slice(0, i + 1).join("/"),
        type: "directory",
        mtimeUs: CONTEXT_MTIME_US,
      }),
    );
    return [
      ...dirs,
      tarEntry({ path, type: "file", data: encoder.encode(content), mtimeUs: CONTEXT_MTIME_US }),
    ];
  });
  const tar = writeTar(entries);
  return { data: file.gzip ? gzip(tar) : tar, mode: 0o644, mtimeUs: CONTEXT_MTIME_US };
}

/** The context as directory entries (directories implied by paths are 0755). */
export function contextEntries(files: ReadonlyMap<string, ContextFile>): TarEntry[] {
  const dirs = new Set<string>();
  for (const path of files.keys()) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
  }
  return [
    ...[...dirs].map((path) =>
      tarEntry({ path, type: "directory", mode: 0o755, mtimeUs: CONTEXT_MTIME_US }),
    ),
    ...[...files].map(([path, file]) =>
      tarEntry({ path, type: "file", mode: file.mode, mtimeUs: file.mtimeUs, data: file.data }),
    ),
  ];
}
