import type { VirtualFs } from "../../fs/virtual-fs.ts";
import {
  HOST_DISK,
  PAGE_SIZE_BYTES,
  TMPFS_DEFAULT_SIZE_BYTES,
  TMPFS_INODES,
} from "../host-resources.ts";
import { MountedFs } from "../mounted-fs.ts";
import { mountedAt } from "./mount-table.ts";

/** What `statvfs(2)` answers, in `f_frsize` blocks. */
export interface FsStats {
  readonly blockSizeBytes: bigint;
  readonly blocks: bigint;
  readonly freeBlocks: bigint;
  readonly availableBlocks: bigint;
  readonly inodes: bigint;
  readonly freeInodes: bigint;
}

const NO_SPACE: FsStats = {
  blockSizeBytes: BigInt(PAGE_SIZE_BYTES),
  blocks: 0n,
  freeBlocks: 0n,
  availableBlocks: 0n,
  inodes: 0n,
  freeInodes: 0n,
};

/** A walk stops counting after this many entries, so a huge tree cannot stall `df`. */
const WALK_ENTRIES_MAX = 200_000;

/**
 * `statvfs(path)` from drydock's disk model (`host-resources.ts`): the host disk for the root
 * overlay and `/dev/…` binds and volumes (its base usage plus the container's files), tmpfs by
 * its `size=` and its files' pages, and nothing for the virtual filesystems (proc, sysfs, devpts,
 * mqueue). Undefined when the path does not exist.
 */
export function statFs(view: VirtualFs, path: string): FsStats | undefined {
  const at = mountedAt(view, path);
  if (at === undefined) return undefined;
  const mount = at.mount;
  if (mount === undefined || at.deviceId.startsWith("block:")) return hostDiskStats(view);
  if (mount.fsType !== "tmpfs") return NO_SPACE;
  const sizeBytes = tmpfsSizeBytes(mount.options ?? "");
  const usage = countUsage({ fs: mount.fs, from: mount.source ?? "/", directoryBlocks: 0 });
  const blocks = BigInt(Math.ceil(sizeBytes / PAGE_SIZE_BYTES));
  const free = blocks > usage.blocks ? blocks - usage.blocks : 0n;
  const inodes = BigInt(TMPFS_INODES);
  return {
    blockSizeBytes: BigInt(PAGE_SIZE_BYTES),
    blocks,
    freeBlocks: free,
    availableBlocks: free,
    inodes,
    freeInodes: inodes > usage.inodes ? inodes - usage.inodes : 0n,
  };
}

/** The host disk: its base usage plus the container's overlay and every disk-backed mount. */
function hostDiskStats(view: VirtualFs): FsStats {
  const root = view instanceof MountedFs ? view.root : view;
  const parts = [{ fs: root, from: "/" }];
  if (view instanceof MountedFs) {
    for (const mount of view.mounts) {
      if ((mount.device ?? "/dev/vda").startsWith("/"))
        parts.push({ fs: mount.fs, from: mount.source ?? "/" });
    }
  }
  let usedBlocks = BigInt(HOST_DISK.usedBlocksBase);
  let usedInodes = BigInt(HOST_DISK.usedInodesBase);
  for (const part of parts) {
    const usage = countUsage({ ...part, directoryBlocks: 1 });
    usedBlocks += usage.blocks;
    usedInodes += usage.inodes;
  }
  const blocks = BigInt(HOST_DISK.blocks);
  const free = blocks > usedBlocks ? blocks - usedBlocks : 0n;
  const reserved = BigInt(HOST_DISK.reservedBlocks);
  const inodes = BigInt(HOST_DISK.inodes);
  return {
    blockSizeBytes: BigInt(HOST_DISK.blockSizeBytes),
    blocks,
    freeBlocks: free,
    availableBlocks: free > reserved ? free - reserved : 0n,
    inodes,
    freeInodes: inodes > usedInodes ? inodes - usedInodes : 0n,
  };
}

/** `size=` of tmpfs options (`65536k`, `1m`, `1g`, bytes), or the default (half of memory). */
function tmpfsSizeBytes(options: string): number {
  const size = /(?:^|,)size=([0-9]+)([kmg]?)(?:,|$)/i.exec(options);
  if (size === null) return TMPFS_DEFAULT_SIZE_BYTES;
  const multiplier = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[size[2]!.toLowerCase()] ?? 1;
  return Number(size[1]) * multiplier;
}

/**
 * The blocks (4 KiB, per file rounded up; hard links once) and inodes a tree uses, from `from`
 * down without crossing into other mounts (each fs is walked on its own).
 */
function countUsage(options: {
  readonly fs: VirtualFs;
  readonly from: string;
  /** What a directory costs: one block on ext4, none on tmpfs. */
  readonly directoryBlocks: number;
}): { blocks: bigint; inodes: bigint } {
  const { fs } = options;
  const seen = new Set<number>();
  const stack = [options.from];
  let blocks = 0;
  let inodes = 0;
  while (stack.length > 0 && inodes < WALK_ENTRIES_MAX) {
    const path = stack.pop()!;
    let info: ReturnType<VirtualFs["lstat"]>;
    try {
      info = fs.lstat(path);
    } catch {
      continue;
    }
    if (info.nlink > 1 && info.type !== "directory") {
      if (seen.has(info.ino)) continue;
      seen.add(info.ino);
    }
    inodes++;
    if (info.type === "file") blocks += Math.ceil(info.sizeBytes / PAGE_SIZE_BYTES);
    if (info.type !== "directory") continue;
    blocks += options.directoryBlocks;
    for (const name of fs.readdir(path)) stack.push(path === "/" ? `/${name}` : `${path}/${name}`);
  }
  return { blocks: BigInt(blocks), inodes: BigInt(inodes) };
}
