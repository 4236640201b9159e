import type { CommandContext, ExecResult } from "just-bash";
import { isBusyboxApplet } from "../busybox-applets.ts";
import { shellQuote } from "../paths.ts";
import type { ProcessHost } from "../process-host.ts";
import { done } from "./applet.ts";

/**
 * busybox's `BB_EXECVP_or_die(argv)` for applets that run a program (`setsid`, `chroot`, …):
 * an applet name runs the applet (Debian's build prefers applets), a name with `/` runs that
 * file, anything else is looked up in PATH. What cannot run fails as busybox says it:
 * `APPLET: can't execute 'X': No such file or directory` (127) or `…: Permission denied` (126).
 */
export async function execProgram(options: {
  readonly applet: string;
  readonly command: readonly string[];
  readonly ctx: CommandContext;
  readonly host: ProcessHost;
}): Promise<ExecResult> {
  const { applet, command, ctx, host } = options;
  const name = command[0]!;
  const errno = lookUp(name, ctx, host);
  if (errno !== undefined) {
    const [message, code] =
      errno === "EACCES" ? ["Permission denied", 126] : ["No such file or directory", 127];
    return done("", `${applet}: can't execute '${name}': ${message}\n`, code);
  }
  return ctx.exec!(command.map(shellQuote).join(" "), {
    cwd: ctx.cwd,
    env: ctx.exportedEnv,
    stdin: ctx.stdin as unknown as string,
    stdinKind: "bytes",
    signal: ctx.signal,
  });
}

/** Why execvp would fail for `name`, or undefined when it would run. */
function lookUp(name: string, ctx: CommandContext, host: ProcessHost): string | undefined {
  if (!name.includes("/")) {
    if (host.standaloneApplets && isBusyboxApplet(name)) return undefined;
    const path =
      ctx.exportedEnv?.PATH ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    let sawDenied = false;
    for (const dir of path.split(":")) {
      const errno = fileErrno(ctx.fs.resolvePath(ctx.cwd, `${dir || "."}/${name}`), host);
      if (errno === undefined) return undefined;
      if (errno === "EACCES") sawDenied = true;
    }
    return sawDenied ? "EACCES" : "ENOENT";
  }
  return fileErrno(ctx.fs.resolvePath(ctx.cwd, name), host);
}

/** execve's verdict on a path: ENOENT, EACCES (not a regular file or no x bit), or runnable. */
function fileErrno(path: string, host: ProcessHost): string | undefined {
  try {
    const info = host.view.stat(path);
    return info.type === "file" && (info.perm & 0o111) !== 0 ? undefined : "EACCES";
  } catch {
    return "ENOENT";
  }
}
