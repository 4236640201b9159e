import type { CommandContext, ExecResult } from "just-bash";
import { isFsError } from "../errors/fs-error.ts";
import { APPLET_OVERRIDES } from "./applets/applet-overrides.ts";
import { runBusyboxMulticall } from "./applets/busybox-multicall.ts";
import { splitXargsValues } from "./applets/xargs-args.ts";
import type { ExecutableFormat } from "./binary-format.ts";
import { isBusyboxApplet } from "./busybox-applets.ts";
import { baseName, shellQuote } from "./paths.ts";
import type { ProcessHost } from "./process-host.ts";
import { parseShellArgs, positionalEnv, withSetFlags } from "./shell-args.ts";

/** The shells drydock runs on just-bash. */
const SHELL_NAMES: ReadonlySet<string> = new Set(["sh", "ash", "bash", "dash"]);
/** Applets just-bash implements as interpreter builtins rather than commands. */
const BUILTIN_APPLETS: ReadonlySet<string> = new Set(["[", "test", "true", "false", "pwd"]);

const textDecoder = new TextDecoder();

/** A finished command's result. */
export function result(stdout: string, stderr: string, exitCode: number): ExecResult {
  return { stdout, stderr, exitCode };
}

/**
 * Runs an executable file the way `execve` plus a shell's fallback would: busybox (by applet
 * name, from argv[0]), a simulated program, a `#!` script through its interpreter, a text file
 * without `#!` as a shell script (ash does that on ENOEXEC), and an ELF drydock cannot run with
 * the shell's "not found".
 */
export async function execFile(
  host: ProcessHost,
  file: { readonly path: string; readonly argv0: string },
  args: readonly string[],
  ctx: CommandContext,
  depth = 0,
): Promise<ExecResult> {
  let format: ExecutableFormat;
  try {
    format = host.classify(file.path);
  } catch (error) {
    if (isFsError(error)) return result("", `${host.shellName}: ${file.argv0}: not found\n`, 127);
    throw error;
  }
  switch (format.kind) {
    case "busybox": {
      const applet = baseName(file.argv0);
      if (applet === "busybox") return runBusyboxMulticall(host, file.path, args, ctx);
      return runApplet(host, [applet, ...args], ctx);
    }
    case "program": {
      const program = host.program(format.name);
      if (program === undefined)
        return result("", `${host.shellName}: ${file.argv0}: not found\n`, 127);
      return program.run([file.argv0, ...args], ctx, host);
    }
    case "script":
      return runInterpreter(host, file, format, args, ctx, depth);
    case "elf":
      return result("", `${host.shellName}: ${file.argv0}: not found\n`, 127);
    case "unknown": {
      const text = textDecoder.decode(host.view.readFile(file.path));
      return runShellScript(text, positionalEnv(file.path, args), ctx);
    }
  }
}

/** Runs a busybox applet by name: drydock's version, just-bash's, or a clear refusal. */
export async function runApplet(
  host: ProcessHost,
  argv: readonly string[],
  ctx: CommandContext,
): Promise<ExecResult> {
  const name = argv[0]!;
  if (name === "busybox") return runBusyboxMulticall(host, host.exe, argv.slice(1), ctx);
  if (!isBusyboxApplet(name)) return result("", `${name}: applet not found\n`, 127);
  const override = APPLET_OVERRIDES[name];
  if (override !== undefined) return override(argv, ctx, host);
  if (SHELL_NAMES.has(name)) return runShell(host, argv, ctx);
  const bundled = host.bundled(name);
  if (bundled !== undefined) {
    const args = name === "xargs" ? splitXargsValues(argv.slice(1)) : argv.slice(1);
    return bundled.execute(args, bundledContext(ctx) as never);
  }
  if (name === "[[") return runDoubleBracket(argv, ctx);
  if (BUILTIN_APPLETS.has(name)) {
    return ctx.exec!(argv.map(shellQuote).join(" "), {
      cwd: ctx.cwd,
      env: ctx.exportedEnv,
      stdin: latin1(ctx),
      stdinKind: "bytes",
    });
  }
  return result("", `${name}: applet not implemented in drydock\n`, 127);
}

/**
 * The context a just-bash command gets when drydock runs it: drydock's commands receive
 * just-bash's least-authority budget, which lacks the `appendOutput` that `find` and `xargs`
 * call when a scope is present (`this.scope.appendOutput is not a function`); without a scope
 * they account their output the plain way, as every other command does.
 */
function bundledContext(ctx: CommandContext): CommandContext {
  const scope = ctx.executionScope as { appendOutput?: unknown } | undefined;
  if (scope === undefined || typeof scope.appendOutput === "function") return ctx;
  return { ...ctx, executionScope: undefined };
}

/**
 * busybox's `[[` applet is `test` closed by `]]`. Quoted, `'[['` is no keyword to the shell but
 * a command name again, so handing it to the shell as `[` is does not work: it would come back
 * here forever.
 */
function runDoubleBracket(argv: readonly string[], ctx: CommandContext): Promise<ExecResult> {
  if (argv[argv.length - 1] !== "]]") return Promise.resolve(result("", "[[: missing ]]\n", 2));
  const testArgs = ["[", ...argv.slice(1, -1), "]"];
  return ctx.exec!(testArgs.map(shellQuote).join(" "), {
    cwd: ctx.cwd,
    env: ctx.exportedEnv,
    stdin: latin1(ctx),
    stdinKind: "bytes",
  });
}

/** `sh …` run from inside a process: the script runs in a nested just-bash execution. */
export async function runShell(
  host: ProcessHost,
  argv: readonly string[],
  ctx: CommandContext,
): Promise<ExecResult> {
  const invocation = parseShellArgs(argv);
  switch (invocation.kind) {
    case "error":
      return result("", invocation.message, invocation.exitCode);
    case "command":
      return runShellScript(
        withSetFlags(invocation.script, invocation.setFlags),
        positionalEnv(invocation.name, invocation.args),
        ctx,
      );
    case "stdin":
      return runShellScript(
        withSetFlags(textDecoder.decode(stdinBytes(ctx)), invocation.setFlags),
        positionalEnv(invocation.name, invocation.args),
        { ...ctx, stdin: "" as never },
      );
    case "file": {
      let text: string;
      try {
        text = textDecoder.decode(host.view.readFile(ctx.fs.resolvePath(ctx.cwd, invocation.path)));
      } catch {
        return result(
          "",
          `${argv[0]}: can't open '${invocation.path}': No such file or directory\n`,
          2,
        );
      }
      return runShellScript(
        withSetFlags(text, invocation.setFlags),
        positionalEnv(invocation.path, invocation.args),
        ctx,
      );
    }
  }
}

/** Runs shell text in a nested execution with the caller's exported variables and stdin. */
export function runShellScript(
  script: string,
  positional: Record<string, string>,
  ctx: CommandContext,
): Promise<ExecResult> {
  return ctx.exec!(script, {
    cwd: ctx.cwd,
    env: { ...ctx.exportedEnv, ...positional },
    stdin: latin1(ctx),
    stdinKind: "bytes",
    signal: ctx.signal,
  });
}

async function runInterpreter(
  host: ProcessHost,
  file: { readonly path: string; readonly argv0: string },
  format: Extract<ExecutableFormat, { kind: "script" }>,
  args: readonly string[],
  ctx: CommandContext,
  depth: number,
): Promise<ExecResult> {
  // Linux follows at most this many nested interpreters (binfmt_script).
  if (depth >= 4) return result("", `${host.shellName}: ${file.argv0}: not found\n`, 127);
  let interpreter = format.interpreter;
  let extra = format.argument === undefined ? [] : [format.argument];
  if (baseName(interpreter) === "env" && extra.length > 0) {
    const found = findInPath(host, extra[0]!, ctx);
    if (found === undefined)
      return result("", `env: can't execute '${extra[0]}': No such file or directory\n`, 127);
    interpreter = found;
    extra = [];
  }
  const interpreterPath = ctx.fs.resolvePath(ctx.cwd, interpreter);
  if (!isExecutableFile(host, interpreterPath))
    return result("", `${host.shellName}: ${file.argv0}: not found\n`, 127);
  const interpreterFormat = host.classify(interpreterPath);
  const shellName = interpreterFormat.kind === "busybox" ? baseName(interpreter) : "";
  if (
    SHELL_NAMES.has(shellName) ||
    (interpreterFormat.kind === "program" && SHELL_NAMES.has(interpreterFormat.name))
  ) {
    const text = textDecoder.decode(host.view.readFile(file.path));
    return runShellScript(text, positionalEnv(file.argv0, args), ctx);
  }
  return execFile(
    host,
    { path: interpreterPath, argv0: interpreter },
    [...extra, file.path, ...args],
    ctx,
    depth + 1,
  );
}

/** What a shell finds for a command name, PATH order, as ash does without standalone applets. */
export function findInPath(
  host: ProcessHost,
  name: string,
  ctx: CommandContext,
): string | undefined {
  const path =
    ctx.env.get("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (const dir of path.split(":")) {
    if (dir === "") continue;
    const candidate = ctx.fs.resolvePath(ctx.cwd, `${dir}/${name}`);
    if (isExecutableFile(host, candidate)) return candidate;
  }
  return undefined;
}

function isExecutableFile(host: ProcessHost, path: string): boolean {
  try {
    const info = host.view.stat(path);
    return info.type === "file" && (info.perm & 0o111) !== 0;
  } catch {
    return false;
  }
}

function stdinBytes(ctx: CommandContext): Uint8Array {
  const text = latin1(ctx);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

function latin1(ctx: CommandContext): string {
  return ctx.stdin as unknown as string;
}
