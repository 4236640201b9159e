import type { VirtualFs } from "../fs/virtual-fs.ts";
import { MountedFs } from "./mounted-fs.ts";

/** `/proc/mounts` for a container's root: the overlay, `/proc`, then its mount table in order. */
export function procMounts(rootfs: VirtualFs): string {
  let out = "overlay / overlay rw,relatime,lowerdir=l,upperdir=diff,workdir=work 0 0\n";
  out += "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n";
  if (!(rootfs instanceof MountedFs)) return out;
  for (const mount of rootfs.mounts) {
    const mode = mount.readOnly === true ? "ro" : "rw";
    out += `${mount.device ?? "/dev/vda"} ${mount.target} ${mount.fsType ?? "ext4"} ${mode},${mount.options ?? "relatime"} 0 0\n`;
  }
  return out;
}
