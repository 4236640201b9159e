import type { CommandContext, ExecResult } from "just-bash";
import { isFsError } from "../../errors/fs-error.ts";
import { BUSYBOX_APPLET_DIRS, BUSYBOX_APPLETS, BUSYBOX_BANNER } from "../busybox-applets.ts";
import { runApplet } from "../exec-dispatch.ts";
import type { ProcessHost } from "../process-host.ts";
import { done } from "./applet.ts";

const HELP_HEAD =
  `${BUSYBOX_BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\n` +
  "Licensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\n" +
  "Usage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n" +
  "   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n" +
  "\tBusyBox is a multi-call binary that combines many common Unix\n" +
  "\tutilities into a single executable.  The shell in this build\n" +
  "\tis configured to run built-in utilities without $PATH search.\n" +
  "\tYou don't need to install a link to busybox for each utility.\n" +
  "\tTo run external program, use full path (/sbin/ip instead of ip).\n\n" +
  "Currently defined functions:\n";

/**
 * `busybox` invoked under its own name: help, `--list`, `--list-full`, `--install [-s] [DIR]`,
 * or `busybox APPLET ARGS`. `binaryPath` is the busybox file that was executed; installed links
 * point at its canonical path, as busybox's `/proc/self/exe` gives.
 */
export async function runBusyboxMulticall(
  host: ProcessHost,
  binaryPath: string,
  args: readonly string[],
  ctx: CommandContext,
): Promise<ExecResult> {
  const first = args[0];
  if (first === undefined || first === "--help")
    return done(HELP_HEAD + wrapNames(BUSYBOX_APPLETS));
  if (first === "--list") return done(BUSYBOX_APPLETS.map((name) => `${name}\n`).join(""));
  if (first === "--list-full") {
    const lines = Object.entries(BUSYBOX_APPLET_DIRS).flatMap(([dir, names]) =>
      names.map((name) => `${dir === "/" ? "" : dir.slice(1) + "/"}${name}\n`),
    );
    return done(lines.join(""));
  }
  if (first === "--install") return install(host, binaryPath, args.slice(1));
  return runApplet(host, args, ctx);
}

/**
 * `busybox --install [-s] [DIR]`: a link per applet (not `busybox` itself) in DIR, or in each
 * applet's usual directory without DIR; symbolic with `-s`, hard otherwise. Existing names are
 * left alone, as busybox does.
 */
function install(host: ProcessHost, binaryPath: string, args: readonly string[]): ExecResult {
  const symbolic = args.includes("-s");
  const dir = args.find((arg) => arg !== "-s");
  const target = host.view.realpath(binaryPath);
  const nowUs = host.clock.nowUs();
  const owner = { uid: host.identity.uid, gid: host.identity.gid };
  const placements: [string, string][] =
    dir === undefined
      ? Object.entries(BUSYBOX_APPLET_DIRS).flatMap(([appletDir, names]) =>
          names.map((name): [string, string] => [appletDir, name]),
        )
      : BUSYBOX_APPLETS.map((name): [string, string] => [dir, name]);
  for (const [appletDir, name] of placements) {
    if (name === "busybox") continue;
    const clean = appletDir.replace(/\/+$/, "");
    host.view.mkdirp(clean === "" ? "/" : clean, { nowUs, mode: 0o755, ...owner });
    const path = `${clean}/${name}`;
    try {
      if (symbolic) host.view.symlink(target, path, { nowUs, mode: 0o777, ...owner });
      else host.view.link(target, path, { nowUs });
    } catch (error) {
      if (!isFsError(error, "EEXIST")) throw error;
    }
  }
  return done("");
}

/** The applet list as busybox's help prints it: comma-separated, wrapped, tab-indented. */
function wrapNames(names: readonly string[]): string {
  const lines: string[] = [];
  let line = "";
  names.forEach((name, index) => {
    const piece = index === names.length - 1 ? name : `${name},`;
    if (line !== "" && 8 + line.length + 1 + piece.length > 78) {
      lines.push(line);
      line = "";
    }
    line = line === "" ? piece : `${line} ${piece}`;
  });
  if (line !== "") lines.push(line);
  return lines.map((text) => `\t${text}\n`).join("");
}
