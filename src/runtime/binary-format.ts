/**
 * What the kernel (and drydock) makes of an executable file's first bytes: a `#!` script, an ELF
 * binary drydock can run (busybox, a simulated program), an ELF it cannot, or neither.
 */
export type ExecutableFormat =
  | { readonly kind: "script"; readonly interpreter: string; readonly argument?: string }
  | { readonly kind: "busybox"; readonly standalone: boolean }
  | { readonly kind: "program"; readonly name: string }
  | { readonly kind: "elf"; readonly machine: number; readonly interpreter?: string }
  | { readonly kind: "unknown" };

/** ELF `e_machine` of x86-64, the only architecture drydock's simulated host has. */
export const EM_X86_64 = 62;

/**
 * A simulated program's "binary" is a tiny ELF-looking file: the ELF magic (so shells and
 * `file`-like checks treat it as a binary) followed by this marker and the program's name.
 */
export const SIM_PROGRAM_MARKER = "drydock-sim-program: ";
/** Found in every real busybox binary (`BusyBox v1.35.0 (Debian …) multi-call binary.`). */
const BUSYBOX_SIGNATURE = "BusyBox v1.";
/**
 * In the help text of busybox builds whose shell runs applets without a PATH search
 * (FEATURE_SH_STANDALONE, as Debian's busybox-static): there `ls` works with no `/bin/ls`.
 */
export const BUSYBOX_STANDALONE_SIGNATURE = "without $PATH search";
/** Linux reads at most this much of a `#!` line (BINPRM_BUF_SIZE). */
const SHEBANG_BYTES_MAX = 256;
/** Where the marker of a simulated program may be. */
const MARKER_WINDOW_BYTES = 512;
const PT_INTERP = 3;

const latin1 = new TextDecoder("latin1");

/**
 * The format of an executable's content. Busybox is recognised by content (ELF magic and the
 * `BusyBox v1.` signature), never by digest, so any busybox build and drydock's stand-in work.
 */
export function classifyExecutable(bytes: Uint8Array): ExecutableFormat {
  if (bytes[0] === 0x23 && bytes[1] === 0x21) return parseShebang(bytes);
  if (!isElf(bytes)) return { kind: "unknown" };
  const head = latin1.decode(bytes.subarray(0, MARKER_WINDOW_BYTES));
  const marker = head.indexOf(SIM_PROGRAM_MARKER);
  if (marker >= 0) {
    const start = marker + SIM_PROGRAM_MARKER.length;
    const end = head.indexOf("\n", start);
    const name = head.slice(start, end < 0 ? undefined : end).trim();
    if (name === "busybox")
      return { kind: "busybox", standalone: head.includes(BUSYBOX_STANDALONE_SIGNATURE) };
    if (name !== "") return { kind: "program", name };
  }
  if (indexOfAscii(bytes, BUSYBOX_SIGNATURE) >= 0) {
    return { kind: "busybox", standalone: indexOfAscii(bytes, BUSYBOX_STANDALONE_SIGNATURE) >= 0 };
  }
  return { kind: "elf", machine: elfMachine(bytes), ...elfInterpreter(bytes) };
}

/** Whether the bytes start with the ELF magic. */
export function isElf(bytes: Uint8Array): boolean {
  return bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46;
}

/** The content of a simulated program's binary: recognised by `classifyExecutable`. */
export function simProgramBinary(name: string, banner = ""): Uint8Array {
  const ident = "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00";
  const text = `${ident}\n${SIM_PROGRAM_MARKER}${name}\n${banner}`;
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function parseShebang(bytes: Uint8Array): ExecutableFormat {
  const window = latin1.decode(bytes.subarray(2, SHEBANG_BYTES_MAX));
  const newline = window.indexOf("\n");
  const line = (newline < 0 ? window : window.slice(0, newline)).replace(/[ \t]+$/, "");
  const match = /^[ \t]*([^ \t]*)(?:[ \t]+(.*))?$/.exec(line);
  const interpreter = match?.[1] ?? "";
  const argument = match?.[2];
  return argument === undefined || argument === ""
    ? { kind: "script", interpreter }
    : { kind: "script", interpreter, argument };
}

function elfMachine(bytes: Uint8Array): number {
  if (bytes.length < 20) return 0;
  const little = bytes[5] !== 2;
  return little ? bytes[18]! | (bytes[19]! << 8) : (bytes[18]! << 8) | bytes[19]!;
}

/** The dynamic loader an ELF asks for (`PT_INTERP`), read from a 64-bit little-endian header. */
function elfInterpreter(bytes: Uint8Array): { interpreter?: string } {
  if (bytes[4] !== 2 || bytes[5] !== 1 || bytes.length < 64) return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  for (let i = 0; i < Math.min(phnum, 64); i++) {
    const at = phoff + i * phentsize;
    if (phentsize < 56 || at + 56 > bytes.length) return {};
    if (view.getUint32(at, true) !== PT_INTERP) continue;
    const offset = Number(view.getBigUint64(at + 8, true));
    const size = Number(view.getBigUint64(at + 32, true));
    if (offset + size > bytes.length || size > 4096) return {};
    const raw = latin1.decode(bytes.subarray(offset, offset + size));
    return { interpreter: raw.replace(/\0.*$/s, "") };
  }
  return {};
}

/** Index of an ASCII string in bytes, or -1. */
export function indexOfAscii(bytes: Uint8Array, needle: string): number {
  const first = needle.charCodeAt(0);
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) {
      if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    }
    return i;
  }
  return -1;
}
