import type { CommandIo, HostFiles } from "../../../../src/client/command-io.ts";
import { memoryFiles } from "./memory-files.ts";

/** A CommandIo over buffers, and readers of what a command wrote. */
export interface BufferIo {
  readonly io: CommandIo;
  stdout(): string;
  stderr(): string;
  stdoutBytes(): Uint8Array;
}

function sink(chunks: Uint8Array[]) {
  const encoder = new TextEncoder();
  return {
    write(chunk: string | Uint8Array) {
      chunks.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
    },
  };
}

function join(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Builds a CommandIo: stdin from a string or bytes, a fixed clock, an in-memory host tree. */
export function bufferIo(
  options: {
    stdin?: string | Uint8Array;
    env?: Record<string, string>;
    nowUs?: number;
    files?: HostFiles;
    stdinIsTerminal?: boolean;
  } = {},
): BufferIo {
  const out: Uint8Array[] = [];
  const errors: Uint8Array[] = [];
  const stdin =
    typeof options.stdin === "string"
      ? new TextEncoder().encode(options.stdin)
      : (options.stdin ?? new Uint8Array(0));
  const nowUs = options.nowUs;
  const io: CommandIo = {
    stdout: sink(out),
    stderr: sink(errors),
    stdin: async function* () {
      if (stdin.length > 0) yield stdin;
    },
    stdinIsTerminal: options.stdinIsTerminal ?? false,
    stdoutIsTerminal: false,
    env: options.env ?? {},
    files: options.files ?? memoryFiles({}),
    ...(nowUs === undefined ? {} : { clock: { nowUs: () => nowUs } }),
  };
  const decoder = new TextDecoder();
  return {
    io,
    stdout: () => decoder.decode(join(out)),
    stderr: () => decoder.decode(join(errors)),
    stdoutBytes: () => join(out),
  };
}
