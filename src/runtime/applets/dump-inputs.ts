import type { CommandContext } from "just-bash";
import type { ProcessHost } from "../process-host.ts";
import { readAppletInput } from "./applet-input.ts";
import { strerror } from "./libc-errors.ts";

/** The bytes a dump sees after `-s` and `-n`, where they start, and what went wrong on the way. */
export interface DumpData {
  readonly data: Uint8Array;
  readonly startAddress: bigint;
  readonly stderr: string;
  readonly failed: boolean;
}

/**
 * busybox dump.c's input: the files one after another (stdin without any), `F: error` for one
 * that cannot be opened (exit 1 later) or read (a directory: message only), `skip` bytes
 * passed over across files, at most `length` bytes kept. Skipping past the end leaves the
 * address at the end of the data, as busybox's `fstat`-based skip does.
 */
export async function readDumpInputs(
  applet: string,
  files: readonly string[],
  limits: { readonly skip: bigint; readonly length: number | undefined },
  ctx: CommandContext,
  host: ProcessHost,
): Promise<DumpData> {
  const chunks: Uint8Array[] = [];
  let stderr = "";
  let failed = false;
  for (const file of files.length === 0 ? ["-"] : files) {
    const input = await readAppletInput(file, ctx, host);
    if (input.ok) chunks.push(input.bytes);
    else {
      stderr += `${applet}: ${file}: ${strerror(input.errno)}\n`;
      if (!input.opened) failed = true;
    }
  }
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const skip = limits.skip < BigInt(total) ? Number(limits.skip) : total;
  const end = limits.length === undefined ? total : Math.min(total, skip + limits.length);
  const data = new Uint8Array(end - skip);
  let offset = 0;
  for (const chunk of chunks) {
    const from = Math.max(0, skip - offset);
    const to = Math.min(chunk.length, end - offset);
    if (to > from) data.set(chunk.subarray(from, to), offset + from - skip);
    offset += chunk.length;
  }
  return { data, startAddress: BigInt(skip), stderr, failed };
}
