import { type TarEntry, tarEntry } from "../archive/tar-entry.ts";
import { treeFromEntries } from "../fs/apply-entries.ts";
import { LayerTree } from "../fs/layer-tree.ts";
import { OverlayFs } from "../fs/overlay-fs.ts";
import { type Mount, MountedFs } from "./mounted-fs.ts";

/**
 * The read-only layer dockerd puts between an image and a container's writable layer
 * (moby's `initlayer.Setup`), as `docker export` shows it: empty placeholders the runtime mounts
 * over, `/etc/mtab`, and `/.dockerenv`. Everything is root-owned, files and directories 0755.
 * Being a layer of its own, none of it shows in `docker diff` or `docker commit`.
 */
export function initLayerEntries(options: { nowUs: number }): TarEntry[] {
  const at = { mtimeUs: options.nowUs, uname: "root", gname: "root" };
  const dir = (path: string) => tarEntry({ path, type: "directory", mode: 0o755, ...at });
  const file = (path: string) => tarEntry({ path, type: "file", mode: 0o755, ...at });
  return [
    file(".dockerenv"),
    dir("dev"),
    file("dev/console"),
    dir("dev/pts"),
    dir("dev/shm"),
    dir("etc"),
    file("etc/hostname"),
    file("etc/hosts"),
    tarEntry({ path: "etc/mtab", type: "symlink", mode: 0o777, linkTarget: "/proc/mounts", ...at }),
    file("etc/resolv.conf"),
    dir("proc"),
    dir("sys"),
  ];
}

/** The init layer as a sealed tree, ready to be a lower layer of the container's overlay. */
export function initLayerTree(options: { nowUs: number }): LayerTree {
  return treeFromEntries(initLayerEntries(options), { nowUs: options.nowUs });
}

/** The device nodes a container's `/dev` (a tmpfs) holds, as runc creates them. */
const DEVICES: readonly { name: string; major: number; minor: number }[] = [
  { name: "full", major: 1, minor: 7 },
  { name: "null", major: 1, minor: 3 },
  { name: "random", major: 1, minor: 8 },
  { name: "tty", major: 5, minor: 0 },
  { name: "urandom", major: 1, minor: 9 },
  { name: "zero", major: 1, minor: 5 },
];

const DEV_LINKS: readonly { name: string; target: string }[] = [
  { name: "fd", target: "/proc/self/fd" },
  { name: "ptmx", target: "pts/ptmx" },
  { name: "stderr", target: "/proc/self/fd/2" },
  { name: "stdin", target: "/proc/self/fd/0" },
  { name: "stdout", target: "/proc/self/fd/1" },
];

/**
 * The mounts every container gets besides its volumes: `/dev` (tmpfs with the device nodes and
 * the `/proc/self/fd` links), `/dev/pts`, `/dev/shm`, `/dev/mqueue`, `/sys` (empty, read-only),
 * and the three files dockerd writes. `/proc` is per process and is added by the process itself.
 * Device semantics (`/dev/null` discards, `/dev/urandom` is seeded) come from the node's device
 * numbers, so a `mknod` anywhere behaves the same.
 */
export function standardMounts(options: {
  nowUs: number;
  hostname: string;
  hosts: string;
  resolvConf: string;
}): Mount[] {
  const nowUs = options.nowUs;
  const dev = new LayerTree({ nowUs });
  for (const device of DEVICES) {
    dev.mknod(`/${device.name}`, {
      type: "char",
      devMajor: device.major,
      devMinor: device.minor,
      mode: 0o666,
      nowUs,
    });
  }
  for (const link of DEV_LINKS) dev.symlink(link.target, `/${link.name}`, { nowUs });
  for (const name of ["mqueue", "pts", "shm"]) dev.mkdir(`/${name}`, { nowUs, mode: 0o755 });
  const pts = new LayerTree({ nowUs });
  pts.mknod("/ptmx", { type: "char", devMajor: 5, devMinor: 2, mode: 0o666, nowUs });
  const shm = new LayerTree({ nowUs });
  shm.chmod("/", 0o1777, { nowUs });
  const mqueue = new LayerTree({ nowUs });
  mqueue.chmod("/", 0o1777, { nowUs });
  const sys = new LayerTree({ nowUs });
  sys.chmod("/", 0o555, { nowUs });
  sys.seal();
  // dockerd keeps these under /var/lib/docker/containers/<id>/ and bind-mounts them (0644).
  const files = new LayerTree({ nowUs });
  const encoder = new TextEncoder();
  files.writeFile("/hostname", encoder.encode(`${options.hostname}\n`), { nowUs });
  files.writeFile("/hosts", encoder.encode(options.hosts), { nowUs });
  files.writeFile("/resolv.conf", encoder.encode(options.resolvConf), { nowUs });
  const tmpfs = { device: "tmpfs", fsType: "tmpfs" };
  return [
    { target: "/dev", fs: dev, ...tmpfs, options: "nosuid,size=65536k,mode=755" },
    {
      target: "/dev/pts",
      fs: pts,
      device: "devpts",
      fsType: "devpts",
      options: "nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666",
    },
    {
      target: "/sys",
      fs: sys,
      readOnly: true,
      device: "sysfs",
      fsType: "sysfs",
      options: "nosuid,nodev,noexec,relatime",
    },
    {
      target: "/dev/mqueue",
      fs: mqueue,
      device: "mqueue",
      fsType: "mqueue",
      options: "nosuid,nodev,noexec,relatime",
    },
    {
      target: "/dev/shm",
      fs: shm,
      device: "shm",
      fsType: "tmpfs",
      options: "nosuid,nodev,noexec,relatime,size=65536k",
    },
    { target: "/etc/resolv.conf", fs: files, source: "/resolv.conf" },
    { target: "/etc/hostname", fs: files, source: "/hostname" },
    { target: "/etc/hosts", fs: files, source: "/hosts" },
  ];
}

/** The inputs of `assembleContainerRootfs`. */
export interface ContainerRootfsOptions {
  /** The image's layer trees, sealed, bottom first. */
  readonly imageLayers: readonly LayerTree[];
  /** The container's writable layer; a fresh one by default. */
  readonly upper?: LayerTree;
  /** When the container is created: the init layer's and the fresh upper layer's times. */
  readonly nowUs: number;
  readonly hostname: string;
  /** Content of `/etc/hosts` and `/etc/resolv.conf` (see `hostsFile`, `resolvConfFile`). */
  readonly hosts: string;
  readonly resolvConf: string;
  /** Volumes, bind mounts and tmpfs mounts, on top of the standard ones. */
  readonly mounts?: readonly Mount[];
  readonly readOnly?: boolean;
}

/** A container's filesystems: the overlay (for `docker diff`/`commit`) and the mounted view. */
export interface ContainerRootfs {
  /** Image layers + init layer + writable layer. Its `changes()`/`diff()` never show the init layer. */
  readonly overlay: OverlayFs;
  readonly initLayer: LayerTree;
  /** What processes see: the overlay with the standard mounts and the caller's. */
  readonly view: MountedFs;
}

/**
 * Step 8 of the workflow: the root filesystem dockerd prepares from an image. The init layer
 * goes just above the image layers; the container's changes go to the upper layer only.
 */
export function assembleContainerRootfs(options: ContainerRootfsOptions): ContainerRootfs {
  const initLayer = initLayerTree({ nowUs: options.nowUs });
  const overlay = new OverlayFs({
    lowers: [...options.imageLayers, initLayer],
    upper: options.upper,
    nowUs: options.nowUs,
  });
  const mounts = [
    ...standardMounts({
      nowUs: options.nowUs,
      hostname: options.hostname,
      hosts: options.hosts,
      resolvConf: options.resolvConf,
    }),
    ...(options.mounts ?? []),
  ];
  const view = new MountedFs({ root: overlay, mounts, rootReadOnly: options.readOnly });
  return { overlay, initLayer, view };
}
