import { type MemoryEntry, MemoryHostFiles } from "../../../../src/client/memory-host-files.ts";

/** An in-memory host tree rooted at `/`, working directory `/work`. */
export function memoryFiles(
  entries: Record<string, MemoryEntry | string>,
  cwd = "/work",
): MemoryHostFiles {
  return new MemoryHostFiles({ cwd, entries: { [cwd]: { type: "directory" }, ...entries } });
}
