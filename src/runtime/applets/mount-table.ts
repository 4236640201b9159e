import type { VirtualFs } from "../../fs/virtual-fs.ts";
import { type Mount, MountedFs } from "../mounted-fs.ts";

/** One line of `/proc/mounts`, as glibc's `getmntent` splits it. */
export interface MountEntry {
  readonly device: string;
  readonly dir: string;
  readonly type: string;
  readonly options: string;
}

/** Entries that deep make `getmntent` stop: the table is bounded by `MOUNT_COUNT_MAX` anyway. */
const MOUNT_LINES_MAX = 4096;

/** The mount table busybox reads (`/proc/mounts`, since Debian's build has no mtab support). */
export function readMountTable(view: VirtualFs): MountEntry[] | undefined {
  let text: string;
  try {
    text = new TextDecoder().decode(view.readFile("/proc/mounts"));
  } catch {
    return undefined;
  }
  const entries: MountEntry[] = [];
  for (const line of text.split("\n").slice(0, MOUNT_LINES_MAX)) {
    const fields = line.split(/[ \t]+/).filter((field) => field !== "");
    if (fields.length < 4 || fields[0]!.startsWith("#")) continue;
    const [device, dir, type, options] = fields.map(unescapeMntent) as [
      string,
      string,
      string,
      string,
    ];
    entries.push({ device, dir, type, options });
  }
  return entries;
}

/** getmntent's octal escapes (`\040` space, `\011` tab, `\012` newline, `\134` backslash). */
function unescapeMntent(field: string): string {
  return field.replace(/\\(040|011|012|134)/g, (_, octal: string) =>
    String.fromCharCode(Number.parseInt(octal, 8)),
  );
}

/** What mounted filesystem a path lives on, as `st_dev` tells it. */
export interface MountedAt {
  /** The topmost mount holding the path; undefined for the container's root overlay. */
  readonly mount: Mount | undefined;
  /**
   * `st_dev`'s stand-in: every mount is a filesystem of its own, except the host disk's binds
   * and volumes, which all share the disk's device.
   */
  readonly deviceId: string;
}

/** The filesystem a path (followed through symlinks) lives on, or undefined if it does not exist. */
export function mountedAt(view: VirtualFs, path: string): MountedAt | undefined {
  let canonical: string;
  try {
    canonical = view.realpath(path);
  } catch {
    return undefined;
  }
  const mounts = view instanceof MountedFs ? view.mounts : [];
  let best = -1;
  for (let i = 0; i < mounts.length; i++) {
    const target = mounts[i]!.target;
    const under = target === "/" || canonical === target || canonical.startsWith(`${target}/`);
    if (under && (best < 0 || target.length >= mounts[best]!.target.length)) best = i;
  }
  if (best < 0) return { mount: undefined, deviceId: "rootfs" };
  const mount = mounts[best]!;
  const device = mount.device ?? "/dev/vda";
  return { mount, deviceId: device.startsWith("/") ? `block:${device}` : `mount:${best}` };
}

/**
 * libbb's `find_mount_point(name, subdir_too)`: the first entry naming `name` as its directory
 * or device, or else the first whose directory is on the same filesystem as `name`. A device
 * file stands for the device it is (never a mounted one here: the container has no disk nodes).
 */
export function findMountPoint(options: {
  readonly view: VirtualFs;
  readonly table: readonly MountEntry[];
  /** The name as given, for the string matches. */
  readonly name: string;
  /** The name as an absolute path. */
  readonly path: string;
}): MountEntry | undefined {
  const { view, table, name } = options;
  let type: string;
  try {
    type = view.stat(options.path).type;
  } catch {
    return undefined;
  }
  const isDevice = type === "char" || type === "block";
  const own = isDevice ? undefined : mountedAt(view, options.path)?.deviceId;
  for (const entry of table) {
    if (entry.dir === name || entry.device === name) return entry;
    if (own !== undefined && mountedAt(view, entry.dir)?.deviceId === own) return entry;
  }
  return undefined;
}
