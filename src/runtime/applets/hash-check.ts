import type { CommandContext } from "just-bash";
import type { ProcessHost } from "../process-host.ts";
import { readAppletInput } from "./applet-input.ts";
import { type HexDigest, hashFile } from "./hash-file.ts";
import { strerror } from "./libc-errors.ts";

/** How `-c` runs: the applet's name and digest, `-s` and `-w`. */
export interface HashCheckOptions {
  readonly applet: string;
  readonly digest: HexDigest;
  readonly silent: boolean;
  readonly warn: boolean;
}

/** What checking the lists printed, whether every sum matched, and whether it had to stop. */
export interface HashCheckResult {
  stdout: string;
  stderr: string;
  ok: boolean;
}

/**
 * `md5sum -c FILE…` as busybox 1.35 does it: per list, each line `HASH  NAME` (or `HASH *NAME`)
 * is rehashed and reported `NAME: OK` / `NAME: FAILED`; a line without the separator counts as
 * a failure (`invalid format` with `-w`); each list with failures ends with `WARNING: F of T
 * computed checksums did NOT match`, an empty one with `F: no checksum lines found`. A list
 * that cannot be opened ends the applet (busybox's `xfopen`).
 */
export async function checkHashLists(
  lists: readonly string[],
  options: HashCheckOptions,
  ctx: CommandContext,
  host: ProcessHost,
): Promise<HashCheckResult> {
  const out: HashCheckResult = { stdout: "", stderr: "", ok: true };
  const { applet } = options;
  for (const list of lists) {
    const input = await readAppletInput(list, ctx, host);
    if (!input.ok && !input.opened) {
      out.stderr += `${applet}: ${list}: ${strerror(input.errno)}\n`;
      out.ok = false;
      return out;
    }
    // A directory opens but reads nothing: it has no lines, as busybox's getline sees it.
    const lines = input.ok ? splitLines(new TextDecoder().decode(input.bytes)) : [];
    let failed = 0;
    for (const line of lines) {
      if (!(await checkLine(line, options, ctx, host, out))) failed++;
    }
    if (failed > 0) {
      out.ok = false;
      if (!options.silent)
        out.stderr += `${applet}: WARNING: ${failed} of ${lines.length} computed checksums did NOT match\n`;
    }
    if (lines.length === 0) {
      out.ok = false;
      out.stderr += `${applet}: ${list}: no checksum lines found\n`;
    }
  }
  return out;
}

/** One list line; true when it named a file whose digest matched. */
async function checkLine(
  line: string,
  options: HashCheckOptions,
  ctx: CommandContext,
  host: ProcessHost,
  out: HashCheckResult,
): Promise<boolean> {
  let separator = line.indexOf("  ");
  if (separator < 0) separator = line.indexOf(" *");
  if (separator < 0) {
    if (options.warn) out.stderr += `${options.applet}: invalid format\n`;
    return false;
  }
  const expected = line.slice(0, separator);
  const name = line.slice(separator + 2);
  const hashed = await hashFile(name, options.digest, ctx, host);
  if ("warning" in hashed) out.stderr += `${options.applet}: ${hashed.warning}\n`;
  const matched = "hex" in hashed && hashed.hex === expected;
  if (!options.silent) out.stdout += `${name}: ${matched ? "OK" : "FAILED"}\n`;
  return matched;
}

/** getline's lines without their `\n`; a last line without one still counts. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
