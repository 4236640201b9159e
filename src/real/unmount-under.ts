/**
 * Detaches mounts a dockerd left under its directory. dockerd bind-mounts its data root onto
 * itself; stopped during start-up (or killed) it does not undo that, and the directory then
 * cannot be removed (EBUSY).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { findCommand } from "./find-command.ts";

const execFileAsync = promisify(execFile);

/** Mount points strictly under `dir`, deepest first (from /proc/self/mounts). */
export function mountsUnder(dir: string): string[] {
  let table: string;
  try {
    table = readFileSync("/proc/self/mounts", "utf8");
  } catch {
    return [];
  }
  const points = table
    .split("\n")
    .map((line) => line.split(" ")[1] ?? "")
    .filter((point) => point.startsWith(`${dir}/`));
  return [...new Set(points)].sort((a, b) => b.length - a.length || (a < b ? 1 : -1));
}

/** Lazily unmounts every mount under `dir`; failures are left for the caller's rm to report. */
export async function unmountUnder(dir: string): Promise<void> {
  const umount = findCommand("umount") ?? "/bin/umount";
  for (const point of mountsUnder(dir)) {
    await execFileAsync(umount, ["-l", point]).catch(() => undefined);
  }
}
