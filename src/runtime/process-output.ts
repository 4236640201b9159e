import type { OutputStream } from "./container-runtime.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Where a process's writes go: to the daemon at the instant they happen, merged into one stream
 * with CRLF line ends when the process has a TTY (the pty's `onlcr`), and dropped once the
 * process has ended. For a busybox shell, just-bash's wording of common errors becomes
 * busybox's (`sh: x: not found`).
 */
export class ProcessOutput {
  readonly #sink: (stream: OutputStream, bytes: Uint8Array) => void;
  readonly #tty: boolean;
  readonly #busybox: boolean;
  readonly #shellName: string;
  #closed = false;
  #bytes = 0;

  constructor(options: {
    sink: (stream: OutputStream, bytes: Uint8Array) => void;
    tty: boolean;
    busybox: boolean;
    /** The shell's name in its messages (`sh`, `/bin/sh`). */
    shellName?: string;
  }) {
    this.#sink = options.sink;
    this.#tty = options.tty;
    this.#busybox = options.busybox;
    this.#shellName = options.shellName ?? "sh";
  }

  /** Bytes delivered so far. */
  get bytesWritten(): number {
    return this.#bytes;
  }

  close(): void {
    this.#closed = true;
  }

  write(stream: OutputStream, bytes: Uint8Array): void {
    if (this.#closed || bytes.length === 0) return;
    let out = bytes;
    if (this.#busybox && stream === "stderr") out = busyboxWording(out, this.#shellName);
    if (this.#tty) out = crlf(out);
    this.#bytes += out.length;
    this.#sink(this.#tty ? "stdout" : stream, out);
  }

  writeText(stream: OutputStream, text: string): void {
    if (text !== "") this.write(stream, encoder.encode(text));
  }
}

/**
 * just-bash's wording of common errors, and busybox's (recorded from busybox 1.35's ash and
 * applets): a busybox container should read like one.
 */
const BUSYBOX_WORDING: readonly [RegExp, string][] = [
  [/^bash: (.+): command not found$/gm, "sh: $1: not found"],
  [/^bash: ([^:\n]+): No such file or directory$/gm, "sh: $1: not found"],
  [
    /^bash: cd: (.+): No such file or directory$/gm,
    "sh: cd: can't cd to $1: No such file or directory",
  ],
  [
    /^ENOENT: open (.+): no such file or directory$/gm,
    "sh: can't create $1: nonexistent directory",
  ],
  [/^EISDIR: open (.+): is a directory$/gm, "sh: can't create $1: Is a directory"],
  [/^EROFS: open (.+): read-only file system$/gm, "sh: can't create $1: Read-only file system"],
  [/^ENOTDIR: open (.+): not a directory$/gm, "sh: can't create $1: Not a directory"],
  [/^cat: (.+): No such file or directory$/gm, "cat: can't open '$1': No such file or directory"],
  [/^rm: cannot remove '(.+)': /gm, "rm: can't remove '$1': "],
  [/^mkdir: cannot create directory '(.+)': /gm, "mkdir: can't create directory '$1': "],
  [/^bash: division by 0$/gm, "sh: divide by zero"],
];

function busyboxWording(bytes: Uint8Array, shellName: string): Uint8Array {
  const text = decoder.decode(bytes);
  let out = text;
  for (const [pattern, replacement] of BUSYBOX_WORDING) {
    // ash starts its own messages with its arg0 (`$` is special in a replacement string).
    const named = replacement.startsWith("sh: ")
      ? `${shellName.replaceAll("$", "$$$$")}${replacement.slice(2)}`
      : replacement;
    out = out.replace(pattern, named);
  }
  return out === text ? bytes : encoder.encode(out);
}

function crlf(bytes: Uint8Array): Uint8Array {
  if (!bytes.includes(10)) return bytes;
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10 && (i === 0 || bytes[i - 1] !== 13)) out.push(13);
    out.push(bytes[i]!);
  }
  return Uint8Array.from(out);
}
