import type { CommandContext } from "just-bash";
import { latin1ToBytes } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import { errnoOf } from "./libc-errors.ts";

/**
 * A file an applet reads whole: its bytes, or why not. `opened` tells a failed open (busybox:
 * `can't open 'F': …`, or `F: …`) from a failed read of an opened file (a directory: EISDIR).
 */
export type AppletInput =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly errno: string; readonly opened: boolean };

/** Reads `name` (`-` is stdin) from the container; devices read as `ContainerFs` reads them. */
export async function readAppletInput(
  name: string,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<AppletInput> {
  if (name === "-") return { ok: true, bytes: stdinBytes(ctx) };
  // open("") is ENOENT; resolving it would name the working directory instead.
  if (name === "") return { ok: false, errno: "ENOENT", opened: false };
  const path = ctx.fs.resolvePath(ctx.cwd, name);
  try {
    if (host.view.stat(path).type === "directory")
      return { ok: false, errno: "EISDIR", opened: true };
    return { ok: true, bytes: await host.fs.readFileBuffer(path) };
  } catch (error) {
    return { ok: false, errno: errnoOf(error), opened: false };
  }
}

/** The applet's stdin as bytes. */
export function stdinBytes(ctx: CommandContext): Uint8Array {
  return latin1ToBytes(ctx.stdin as unknown as string);
}
