/**
 * Finds an installed program for the real side. dockerd and friends live in sbin folders that a
 * non-login PATH often lacks, so those are searched after PATH.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

const EXTRA_FOLDERS: readonly string[] = [
  "/usr/sbin",
  "/sbin",
  "/usr/bin",
  "/bin",
  "/usr/local/bin",
];

/** The absolute path of `command`, or undefined when it is not installed. */
export function findCommand(command: string): string | undefined {
  const folders = [...(process.env.PATH ?? "").split(":"), ...EXTRA_FOLDERS];
  for (const folder of folders) {
    if (folder === "") continue;
    const path = join(folder, command);
    if (existsSync(path)) return path;
  }
  return undefined;
}
