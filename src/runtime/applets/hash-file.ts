import type { CommandContext } from "just-bash";
import type { ProcessHost } from "../process-host.ts";
import { readAppletInput } from "./applet-input.ts";
import { strerror } from "./libc-errors.ts";

/** A digest function from bytes to lower-case hex. */
export type HexDigest = (data: Uint8Array) => string;

/**
 * busybox's `hash_file()`: the hex digest of `name` (`-` is stdin), or the warning it prints
 * when the file cannot be opened (`can't open 'F': …`) or read (`can't read 'F': …`, a
 * directory).
 */
export async function hashFile(
  name: string,
  digest: HexDigest,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<{ readonly hex: string } | { readonly warning: string }> {
  const input = await readAppletInput(name, ctx, host);
  if (input.ok) return { hex: digest(input.bytes) };
  const verb = input.opened ? "read" : "open";
  return { warning: `can't ${verb} '${name}': ${strerror(input.errno)}` };
}
