import { type Command, type CommandContext, defineCommand, type ExecResult } from "just-bash";
import { kill } from "./applets/process-applets.ts";
import { trap } from "./applets/trap.ts";
import { BUSYBOX_APPLETS, isBusyboxApplet } from "./busybox-applets.ts";
import { execFile, findInPath, result, runApplet } from "./exec-dispatch.ts";
import type { ProcessHost } from "./process-host.ts";
import { LAST_BACKGROUND_PID_VAR } from "./shell-transform.ts";
import { BUNDLED_COMMAND_NAMES } from "./userland.ts";

/** The helpers drydock's shell rewrite calls (see `drydockShellPlugin`); hidden in `/usr/bin`. */
export const HELPER_COMMANDS: readonly string[] = [
  "__drydock_alive",
  "__drydock_bg",
  "__drydock_exec",
  "__drydock_kill",
  "__drydock_main",
  "__drydock_random",
  "__drydock_seconds",
  "__drydock_stream",
  "__drydock_tick",
  "__drydock_trap",
  "__drydock_traps",
  "__drydock_umask",
  "__drydock_wait",
];

/**
 * The commands a process's just-bash instance knows. Every command name (just-bash's, busybox's,
 * the simulated programs') goes through one gate that decides as the container's shell would:
 * a busybox applet without PATH search when the shell is Debian's busybox, otherwise the file
 * the PATH gives, run by its format. So `jq` is "not found" until an image provides it, and a
 * script at `/bin/ls` runs as a script.
 */
export function processCommands(
  host: ProcessHost,
  programNames: readonly string[],
  main: (ctx: CommandContext) => Promise<ExecResult>,
): Command[] {
  const names = new Set([...BUNDLED_COMMAND_NAMES, ...BUSYBOX_APPLETS, ...programNames]);
  const commands: Command[] = [...names].map((name) =>
    defineCommand(name, (args, ctx) => gate(host, name, args, ctx)),
  );
  const helpers: Record<string, (args: string[], ctx: CommandContext) => Promise<ExecResult>> = {
    __drydock_alive: async () => {
      host.markAlive();
      return result("", "", 0);
    },
    __drydock_bg: async (args, ctx) => {
      const pid = host.startJob(args[0] ?? "", ctx);
      await ctx.assignShellVariable?.(LAST_BACKGROUND_PID_VAR, String(pid));
      return result("", "", 0);
    },
    __drydock_exec: (args, ctx) =>
      execFile(host, { path: args[0]!, argv0: args[0]! }, scriptArgs(args.slice(1), ctx), ctx),
    __drydock_kill: (args, ctx) => kill(["kill", ...args], ctx, host),
    __drydock_main: (_args, ctx) => main(ctx),
    __drydock_random: async () => result(`${host.rng.below(32768)}\n`, "", 0),
    __drydock_seconds: async () =>
      result(`${Math.floor((host.clock.nowUs() - host.startedUs) / 1e6)}\n`, "", 0),
    __drydock_stream: async () => result("", "", 0),
    __drydock_tick: (_args, ctx) => host.tick(ctx),
    __drydock_trap: (args, ctx) => trap(["trap", ...args], ctx, host),
    __drydock_traps: (_args, ctx) => host.checkTraps(ctx),
    __drydock_umask: async (args) => result(args.length === 0 ? "0022\n" : "", "", 0),
    __drydock_wait: async (args, ctx) => {
      const pids = args.filter((arg) => /^[0-9]+$/.test(arg)).map(Number);
      return result("", "", await host.waitJobs(pids, ctx));
    },
  };
  for (const [name, run] of Object.entries(helpers)) commands.push(defineCommand(name, run));
  return commands;
}

async function gate(
  host: ProcessHost,
  name: string,
  args: string[],
  ctx: CommandContext,
): Promise<ExecResult> {
  if (host.standaloneApplets && isBusyboxApplet(name)) return runApplet(host, [name, ...args], ctx);
  const found = findInPath(host, name, ctx);
  if (found === undefined) return result("", `${host.shellName}: ${name}: not found\n`, 127);
  return execFile(host, { path: found, argv0: name }, args, ctx);
}

/**
 * A script's arguments as just-bash passed them to the shim (`"$@"`). just-bash keeps only nine
 * positional parameters for a script it runs from PATH (later ones come out empty); when that
 * happened and no argument has a space, `$*` still has them all.
 */
function scriptArgs(args: string[], ctx: CommandContext): string[] {
  const count = Number(ctx.env.get("#") ?? "0");
  if (count <= 9) return args;
  const all = (ctx.env.get("*") ?? "").split(" ");
  return all.length === count ? all : args;
}
