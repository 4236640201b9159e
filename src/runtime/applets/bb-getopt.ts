import type { ExecResult } from "just-bash";
import { showUsage } from "./bb-usage.ts";

/** Parsed short options: each flag with the values it was given, in order. */
export interface BbArgs {
  readonly flags: ReadonlyMap<string, readonly string[]>;
  readonly operands: readonly string[];
  /** Every option with its value ("" for a flag), in command-line order. */
  readonly sequence: readonly (readonly [flag: string, value: string])[];
}

/** How an applet's options look to busybox's getopt32. */
export interface BbOptionSpec {
  /** Letters the applet accepts. */
  readonly flags: string;
  /** Those of them that take a value (`-n NUM`, `-nNUM`). */
  readonly withValue?: string;
  /** Long options accepted as flags (`--dry-run` → `dry-run`). */
  readonly long?: readonly string[];
  /** Options may follow operands (glibc's permutation, the default); false stops at the first. */
  readonly permute?: boolean;
}

/**
 * Splits argv as busybox's getopt32 (over glibc getopt) does: bundled flags, values attached or
 * separate, `--` ending options, options after operands. An unknown option or a missing value
 * gives glibc's message followed by the applet's usage, exit 1.
 */
export function bbGetopt(
  applet: string,
  args: readonly string[],
  spec: BbOptionSpec,
): BbArgs | ExecResult {
  const flags = new Map<string, string[]>();
  const operands: string[] = [];
  const sequence: [string, string][] = [];
  const add = (flag: string, value: string) => {
    flags.set(flag, [...(flags.get(flag) ?? []), value]);
    sequence.push([flag, value]);
  };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") {
      operands.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (spec.permute === false) {
        operands.push(...args.slice(index));
        break;
      }
      operands.push(arg);
      continue;
    }
    if (arg.startsWith("--")) {
      const name = arg.slice(2);
      if (!spec.long?.includes(name)) return usageAfter(applet, `unrecognized option '${arg}'`);
      add(name, "");
      continue;
    }
    for (let i = 1; i < arg.length; i++) {
      const flag = arg[i]!;
      if (!spec.flags.includes(flag)) return usageAfter(applet, `invalid option -- '${flag}'`);
      if (!spec.withValue?.includes(flag)) {
        add(flag, "");
        continue;
      }
      const value = i + 1 < arg.length ? arg.slice(i + 1) : args[++index];
      if (value === undefined)
        return usageAfter(applet, `option requires an argument -- '${flag}'`);
      add(flag, value);
      break;
    }
  }
  return { flags, operands, sequence };
}

/** True when `bbGetopt` gave up with a message and usage. */
export function isUsageFailure(parsed: BbArgs | ExecResult): parsed is ExecResult {
  return "exitCode" in parsed;
}

/** glibc getopt's complaint, then the applet's usage (exit 1), as busybox prints them. */
export function usageAfter(applet: string, message: string): ExecResult {
  const usage = showUsage(applet);
  return { ...usage, stderr: `${applet}: ${message}\n${usage.stderr}` };
}

/** The last value given for a flag, if any. */
export function lastValue(args: BbArgs, flag: string): string | undefined {
  return args.flags.get(flag)?.at(-1);
}

/**
 * The short options of argv in the order given (getopt32's `"k-m"` exclusions depend on which
 * came last), assuming `bbGetopt` already accepted them.
 */
export function optionOrder(args: readonly string[], withValue: string): string[] {
  const order: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--") break;
    if (!arg.startsWith("-") || arg === "-" || arg.startsWith("--")) continue;
    for (let i = 1; i < arg.length; i++) {
      order.push(arg[i]!);
      if (withValue.includes(arg[i]!)) {
        if (i === arg.length - 1) index++;
        break;
      }
    }
  }
  return order;
}
