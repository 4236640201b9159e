import { FsError } from "../../src/errors/fs-error.ts";
import type { VirtualFs } from "../../src/fs/virtual-fs.ts";
import type { FsOp } from "./fs-arbitraries.ts";

/** Runs one operation; returns the errno it failed with, or "ok". Other errors propagate. */
export function runOp(fs: VirtualFs, op: FsOp): string {
  const at = { nowUs: op.timeUs };
  try {
    switch (op.op) {
      case "write":
        fs.writeFile(op.path, new TextEncoder().encode(op.data), { ...at, mode: op.mode & 0o777 });
        break;
      case "append":
        fs.writeFile(op.path, new TextEncoder().encode(op.data), { ...at, append: true });
        break;
      case "mkdir":
        fs.mkdir(op.path, { ...at, mode: op.mode });
        break;
      case "mkdirp":
        fs.mkdirp(op.path, { ...at, mode: op.mode });
        break;
      case "symlink":
        fs.symlink(op.mode === 0o700 ? op.other.slice(1) : op.other, op.path, at);
        break;
      case "link":
        fs.link(op.other, op.path, at);
        break;
      case "unlink":
        fs.unlink(op.path, at);
        break;
      case "rmdir":
        fs.rmdir(op.path, at);
        break;
      case "rm":
        fs.rm(op.path, { ...at, recursive: true });
        break;
      case "rename":
        fs.rename(op.path, op.other, at);
        break;
      case "chmod":
        fs.chmod(op.path, op.mode, at);
        break;
      case "chown":
        fs.chown(op.path, { ...at, uid: op.mode & 7, gid: 3, followSymlinks: op.mode !== 0o644 });
        break;
      case "utimes":
        fs.utimes(op.path, {
          ...at,
          mtimeUs: op.timeUs - 5_000_000,
          followSymlinks: op.mode !== 0o644,
        });
        break;
      case "mknod":
        fs.mknod(op.path, { ...at, type: "fifo" });
        break;
    }
    return "ok";
  } catch (error) {
    if (error instanceof FsError) return error.errno;
    throw error;
  }
}
