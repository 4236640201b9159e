import type { CommandContext, ExecResult } from "just-bash";
import type { ProcessHost } from "../process-host.ts";

/** A busybox applet drydock implements itself: argv[0] is the applet name. */
export type Applet = (
  argv: readonly string[],
  ctx: CommandContext,
  host: ProcessHost,
) => Promise<ExecResult>;

/** A finished applet's output. */
export function done(stdout: string, stderr = "", exitCode = 0): ExecResult {
  return { stdout, stderr, exitCode };
}

/** A usage or runtime error, busybox style: `applet: message`. */
export function fail(applet: string, message: string, exitCode = 1): ExecResult {
  return { stdout: "", stderr: `${applet}: ${message}\n`, exitCode };
}

/**
 * Splits `-abc` style flags from operands, stopping at `--` or the first operand, as busybox's
 * getopt32 does for the simple applets. Flags that take a value are listed in `withValue`.
 */
export function parseFlags(
  args: readonly string[],
  withValue: string = "",
): { flags: Map<string, string>; operands: string[]; bad?: string } {
  const flags = new Map<string, string>();
  let index = 0;
  while (index < args.length) {
    const arg = args[index]!;
    if (arg === "--") {
      index++;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") break;
    index++;
    if (arg.startsWith("--")) {
      flags.set(arg, "");
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const flag = arg[i]!;
      if (withValue.includes(flag)) {
        const value = i + 1 < arg.length ? arg.slice(i + 1) : args[index++];
        if (value === undefined) return { flags, operands: [], bad: flag };
        flags.set(flag, value);
        break;
      }
      flags.set(flag, "");
    }
  }
  return { flags, operands: args.slice(index) };
}
