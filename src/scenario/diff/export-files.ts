import type { TarEntry } from "../../archive/tar-entry.ts";
import { readTar } from "../../archive/tar-reader.ts";
import { sha256Hex } from "../../digest/sha256.ts";

/** Entries of one export compared at most; a bigger export fails with `LimitExceededError`. */
export const EXPORT_ENTRY_COUNT_MAX = 20_000;

/** Bytes of one export read at most (the tar reader's limit on all files together). */
export const EXPORT_SIZE_BYTES_MAX = 1024 * 1024 * 1024;

/**
 * What dockerd puts into every container's root filesystem (its init layer and mounts): their
 * content and modes follow the host and the runtime, so only their presence is compared.
 */
const RUNTIME_PATHS = new Set([
  ".dockerenv",
  "etc/hostname",
  "etc/hosts",
  "etc/resolv.conf",
  "etc/mtab",
  "proc",
  "sys",
  "dev",
]);

const BUSYBOX = "bin/busybox";

/**
 * A container's files as `docker export` wrote them, one line per entry, sorted by path:
 * `path<TAB>type mode uid:gid` and, for a file, `size sha256[:12]`, for a link its target. Times go
 * (they are the moments files were written). Exceptions, because they differ by design:
 * `/bin/busybox` (the simulator ships a stand-in for Debian's static busybox) keeps its type
 * and mode only; the symlinks to it in /bin (one per applet) become one line with their count;
 * what dockerd adds to every container (`RUNTIME_PATHS`, `/dev/*`) keeps its presence only.
 */
export function exportFiles(tar: Uint8Array): string[] {
  const entries = readTar(tar, {
    entryCountMax: EXPORT_ENTRY_COUNT_MAX,
    totalSizeBytesMax: EXPORT_SIZE_BYTES_MAX,
  });
  let appletCount = 0;
  const lines: string[] = [];
  for (const entry of entries) {
    if (entry.path === "") continue;
    if (isApplet(entry)) appletCount++;
    else lines.push(entryLine(entry));
  }
  if (appletCount > 0) lines.push(`bin/*\t-> /bin/busybox symlinks ×${appletCount}`);
  return lines.sort();
}

function isApplet(entry: TarEntry): boolean {
  return (
    entry.type === "symlink" &&
    /^bin\/[^/]+$/.test(entry.path) &&
    (entry.linkTarget === "/bin/busybox" || entry.linkTarget === "busybox")
  );
}

function entryLine(entry: TarEntry): string {
  if (RUNTIME_PATHS.has(entry.path) || entry.path.startsWith("dev/"))
    return `${entry.path}\tpresent`;
  const head = `${entry.path}\t${entry.type} ${entry.mode.toString(8).padStart(4, "0")} ${entry.uid}:${entry.gid}`;
  if (entry.path === BUSYBOX) return head;
  switch (entry.type) {
    case "file":
      return `${head} ${entry.data.length} ${sha256Hex(entry.data).slice(0, 12)}`;
    case "symlink":
    case "hardlink":
      return `${head} -> ${entry.linkTarget}`;
    default:
      return head;
  }
}
