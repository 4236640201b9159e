import type { ExecResult } from "just-bash";
import { shellQuote } from "../paths.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/**
 * `run-parts [-a ARG]... [-u UMASK] [--reverse] [--test] [--exit-on-error] DIRECTORY`, busybox
 * 1.35's: every executable regular file of DIRECTORY (symlinks followed; busybox 1.35 does not
 * filter names) in name order, or reversed, with the `-a` arguments; `--test` only lists them.
 * A failing script is reported (`run-parts: F: exit status N`) and makes the exit 1. `-u` is
 * accepted but drydock's processes keep the umask 0022.
 */
export const runParts: Applet = withHelp(async (argv, ctx, host) => {
  const parsed = bbGetopt("run-parts", argv.slice(1), {
    flags: "au",
    withValue: "au",
    long: ["reverse", "test", "exit-on-error"],
  });
  if (isUsageFailure(parsed)) return parsed;
  const { flags, operands } = parsed;
  if (operands.length !== 1) return showUsage("run-parts");
  const directory = operands[0]!;
  const dir = ctx.fs.resolvePath(ctx.cwd, directory);
  let names: string[];
  try {
    names = host.view.readdir(dir);
  } catch (error) {
    return done("", `run-parts: ${directory}: ${strerror(errnoOf(error))}\n`, 0);
  }
  if (flags.has("reverse")) names.reverse();
  const base = directory.endsWith("/") ? directory : `${directory}/`;
  const scripts = names.map((name) => base + name).filter((path) => isExecutable(path, ctx, host));
  if (flags.has("test")) return done(scripts.map((path) => `${path}\n`).join(""));
  const args = flags.get("a") ?? [];
  const out = { stdout: "", stderr: "", exitCode: 0 };
  for (const path of scripts) {
    const result: ExecResult = await ctx.exec!([path, ...args].map(shellQuote).join(" "), {
      cwd: ctx.cwd,
      env: ctx.exportedEnv,
      stdin: "",
      signal: ctx.signal,
    });
    out.stdout += result.stdout;
    out.stderr += result.stderr;
    if (result.exitCode === 0) continue;
    out.stderr += `run-parts: ${path}: exit status ${result.exitCode}\n`;
    out.exitCode = 1;
    if (flags.has("exit-on-error")) break;
  }
  return done(out.stdout, out.stderr, out.exitCode);
});

function isExecutable(
  path: string,
  ctx: Parameters<Applet>[1],
  host: Parameters<Applet>[2],
): boolean {
  try {
    const info = host.view.stat(ctx.fs.resolvePath(ctx.cwd, path));
    return info.type === "file" && (info.perm & 0o111) !== 0;
  } catch {
    return false;
  }
}
