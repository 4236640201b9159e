import type { TarEntry } from "../../../src/archive/tar-entry.ts";
import { dir, file } from "./runtime-harness.ts";

/** A minimal x86-64 ELF header with one PT_INTERP program header naming `interpreter`. */
export function dynamicElf(interpreter: string): Uint8Array {
  const interp = new TextEncoder().encode(`${interpreter}\0`);
  const bytes = new Uint8Array(64 + 56 + interp.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  view.setUint16(16, 3, true); // ET_DYN
  view.setUint16(18, 62, true); // x86-64
  view.setBigUint64(32, 64n, true); // e_phoff
  view.setUint16(54, 56, true); // e_phentsize
  view.setUint16(56, 1, true); // e_phnum
  view.setUint32(64, 3, true); // PT_INTERP
  view.setBigUint64(64 + 8, 120n, true); // p_offset
  view.setBigUint64(64 + 32, BigInt(interp.length), true); // p_filesz
  bytes.set(interp, 120);
  return bytes;
}

/** An ELF header for aarch64 with no program headers (a foreign binary). */
export function arm64Elf(): Uint8Array {
  const bytes = new Uint8Array(64);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
  view.setUint16(16, 2, true);
  view.setUint16(18, 183, true);
  return bytes;
}

/**
 * The simulated twin of the `rt-probe` image the start-failure fixtures were recorded with
 * (test/fixtures/runtime/README.md): busybox plus these files.
 */
export const PROBE_LAYER: readonly TarEntry[] = [
  dir("data"),
  file("data/plain", "hello\n", 0o644),
  file("data/rand", "x".repeat(64), 0o755),
  file("data/true", dynamicElf("/lib64/ld-linux-x86-64.so.2"), 0o755),
  file("data/noshebang", "echo hi from noshebang\n", 0o755),
  file("data/script", '#!/bin/sh\necho hi from sh script "$@"\n', 0o755),
  file("data/pyscript", "#!/usr/bin/python3\nprint(1)\n", 0o755),
  file("data/arm64", arm64Elf(), 0o755),
  dir("data/dir"),
  dir("etc"),
  file("etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n"),
  file("etc/group", "root:x:0:\napp:x:1000:\nstaff:x:50:app\n"),
];
