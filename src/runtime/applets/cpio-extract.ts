import type { CommandContext, ExecResult } from "just-bash";
import type { CpioEntry } from "../../archive/cpio-newc.ts";
import { bytesToLatin1 } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import type { CpioOptions } from "./cpio.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

const S_IFMT = 0o170000;
const DEVICE_TYPES: ReadonlyMap<number, "char" | "block" | "fifo"> = new Map([
  [0o020000, "char"],
  [0o060000, "block"],
  [0o010000, "fifo"],
]);

/**
 * `cpio -i`: creates each member (`-d` makes missing parents, `-m` restores mtimes, `-u`
 * replaces files that are not older), owned by the archive's uid/gid, as busybox running as
 * root does. An existing file at least as new is kept with busybox's message.
 */
export async function cpioExtract(
  entries: readonly CpioEntry[],
  run: { options: CpioOptions; ctx: CommandContext; host: ProcessHost },
): Promise<ExecResult> {
  const { options, ctx, host } = run;
  let stdout = "";
  let stderr = "";
  for (const entry of entries) {
    if (options.flags.has("v")) stdout += `${entry.name}\n`;
    if (entry.name === "." || entry.name === "") continue;
    const path = ctx.fs.resolvePath(ctx.cwd, entry.name);
    try {
      if (options.flags.has("d"))
        await host.fs.mkdir(path.slice(0, path.lastIndexOf("/")) || "/", { recursive: true });
      const message = await extractOne(entry, { path, options, host });
      if (message !== undefined) stderr += `cpio: ${message}\n`;
    } catch (error) {
      stderr += `cpio: can't create '${entry.name}': ${strerror(errnoOf(error))}\n`;
    }
  }
  return { stdout, stderr, exitCode: 0 };
}

async function extractOne(
  entry: CpioEntry,
  target: { path: string; options: CpioOptions; host: ProcessHost },
): Promise<string | undefined> {
  const { path, options, host } = target;
  const type = entry.mode & S_IFMT;
  const nowUs = host.clock.nowUs();
  if (type === 0o040000) {
    if (!host.view.exists(path))
      host.view.mkdir(path, { mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, nowUs });
    return undefined;
  }
  const existing = lstatOrUndefined(host, path);
  if (existing !== undefined) {
    if (!options.flags.has("u") && existing.mtimeUs >= entry.mtimeS * 1_000_000) {
      return `${entry.name} not created: newer or same age file exists`;
    }
    host.view.unlink(path, { nowUs });
  }
  const owner = { uid: entry.uid, gid: entry.gid, nowUs };
  if (type === 0o120000) {
    host.view.symlink(bytesToLatin1(entry.data), path, owner);
  } else if (DEVICE_TYPES.has(type)) {
    host.view.mknod(path, {
      type: DEVICE_TYPES.get(type)!,
      devMajor: entry.rdevMajor,
      devMinor: entry.rdevMinor,
      mode: entry.mode & 0o7777,
      ...owner,
    });
  } else {
    host.view.writeFile(path, entry.data, { mode: entry.mode & 0o7777, ...owner });
    host.view.chmod(path, entry.mode & 0o7777, { nowUs });
  }
  if (options.flags.has("m")) {
    host.view.utimes(path, { mtimeUs: entry.mtimeS * 1_000_000, followSymlinks: false, nowUs });
  }
  return undefined;
}

function lstatOrUndefined(
  host: ProcessHost,
  path: string,
): ReturnType<ProcessHost["view"]["lstat"]> | undefined {
  try {
    return host.view.lstat(path);
  } catch {
    return undefined;
  }
}
