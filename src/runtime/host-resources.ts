/**
 * drydock's model of the simulated host's memory and disk: the facts the simulation does not
 * otherwise have, in one place so `/proc/meminfo`, `free`, `df` and tmpfs sizes agree.
 *
 * - Memory is a fixed snapshot of an idle 8 GiB host (8 GiB is what `docker info` reports as
 *   `MemTotal`, `src/daemon/system-info.ts`), no swap, as on Docker Desktop's VM. Nothing in it
 *   moves: processes and tmpfs files do not charge memory.
 * - The host disk is one ext4 filesystem, `/dev/vda`, of ~62.7 GiB (a 64 GiB disk after ext4's
 *   overhead) with 4 KiB blocks, 5% reserved for root, 10 GiB and 196608 inodes already used by
 *   the host; a container's overlay and its volumes live on it, so their usage adds the
 *   container's own files (see `df`).
 * - A tmpfs without `size=` gets half of memory, with half of memory's pages as inodes (the
 *   kernel's defaults).
 */
export const HOST_MEMORY_KB: Readonly<Record<string, number>> = {
  MemTotal: 8_388_608,
  MemFree: 6_815_744,
  MemAvailable: 7_716_864,
  Buffers: 98_304,
  Cached: 917_504,
  SwapCached: 0,
  Active: 655_360,
  Inactive: 786_432,
  "Active(anon)": 4_096,
  "Inactive(anon)": 417_792,
  "Active(file)": 651_264,
  "Inactive(file)": 368_640,
  Unevictable: 0,
  Mlocked: 0,
  SwapTotal: 0,
  SwapFree: 0,
  Zswap: 0,
  Zswapped: 0,
  Dirty: 128,
  Writeback: 0,
  AnonPages: 421_888,
  Mapped: 163_840,
  Shmem: 8_192,
  KReclaimable: 131_072,
  Slab: 180_224,
  SReclaimable: 131_072,
  SUnreclaim: 49_152,
  KernelStack: 4_096,
  PageTables: 8_192,
  NFS_Unstable: 0,
  Bounce: 0,
  WritebackTmp: 0,
  CommitLimit: 4_194_304,
  Committed_AS: 1_048_576,
  VmallocTotal: 34_359_738_367,
  VmallocUsed: 16_384,
  VmallocChunk: 0,
  Percpu: 1_024,
  HardwareCorrupted: 0,
  AnonHugePages: 0,
  ShmemHugePages: 0,
  ShmemPmdMapped: 0,
  FileHugePages: 0,
  FilePmdMapped: 0,
  HugePages_Total: 0,
  HugePages_Free: 0,
  HugePages_Rsvd: 0,
  HugePages_Surp: 0,
  Hugepagesize: 2_048,
  Hugetlb: 0,
  DirectMap4k: 114_688,
  DirectMap2M: 4_079_616,
  DirectMap1G: 4_194_304,
};

/** `/proc/meminfo` from the model, laid out as Linux 6.1 prints it (name padded to 16, %8lu). */
export function meminfoText(): string {
  let out = "";
  for (const [name, kb] of Object.entries(HOST_MEMORY_KB)) {
    const unit = name.startsWith("HugePages_") ? "" : " kB";
    out += `${`${name}:`.padEnd(16)}${String(kb).padStart(8)}${unit}\n`;
  }
  return out;
}

/** The page (and tmpfs block) size. */
export const PAGE_SIZE_BYTES = 4096;

/** The host disk (`/dev/vda`, ext4) that holds overlays and volumes. */
export const HOST_DISK = {
  blockSizeBytes: 4096,
  blocks: 16_447_488,
  reservedBlocks: 822_374,
  usedBlocksBase: 2_621_440,
  inodes: 4_112_384,
  usedInodesBase: 196_608,
} as const;

/** A tmpfs's size when its options give none: half of memory. */
export const TMPFS_DEFAULT_SIZE_BYTES: number = (HOST_MEMORY_KB.MemTotal! * 1024) / 2;

/** A tmpfs's inode count (`nr_inodes` default): half of memory's pages. */
export const TMPFS_INODES: number = (HOST_MEMORY_KB.MemTotal! * 1024) / PAGE_SIZE_BYTES / 2;
