import type { CommandContext, ExecResult } from "just-bash";
import { isFsError } from "../../errors/fs-error.ts";
import { shellQuote } from "../paths.ts";
import { parseSignal } from "../signals.ts";
import { type Applet, done, fail, parseFlags } from "./applet.ts";
import { parseDateString, strftime } from "./strftime.ts";

/** `date [-uR] [-I[SPEC]] [-d STRING] [-r FILE] [+FORMAT]`: simulated time, in UTC. */
export const date: Applet = async (argv, ctx, host) => {
  const isoArg = argv.slice(1).find((arg) => arg.startsWith("-I"));
  const { flags, operands } = parseFlags(
    argv.slice(1).filter((arg) => arg !== isoArg),
    "dr",
  );
  let instantUs = host.clock.nowUs();
  const given = flags.get("d");
  if (given !== undefined) {
    const parsed = parseDateString(given, instantUs);
    if (parsed === undefined) return fail("date", `invalid date '${given}'`);
    instantUs = parsed;
  }
  const reference = flags.get("r");
  if (reference !== undefined) {
    try {
      instantUs = host.view.stat(ctx.fs.resolvePath(ctx.cwd, reference)).mtimeUs;
    } catch {
      return fail("date", `${reference}: No such file or directory`);
    }
  }
  const format = operands.find((operand) => operand.startsWith("+"));
  const setting = operands.find((operand) => !operand.startsWith("+"));
  if (setting !== undefined) return fail("date", "can't set date: Operation not permitted");
  if (format !== undefined) return done(`${strftime(format.slice(1), instantUs)}\n`);
  if (flags.has("R")) return done(`${strftime("%a, %d %b %Y %H:%M:%S +0000", instantUs)}\n`);
  if (isoArg !== undefined) {
    const spec = isoArg.slice(2);
    const formats: Record<string, string> = {
      "": "%Y-%m-%d",
      date: "%Y-%m-%d",
      hours: "%Y-%m-%dT%H+00:00",
      minutes: "%Y-%m-%dT%H:%M+00:00",
      seconds: "%Y-%m-%dT%H:%M:%S+00:00",
    };
    return done(`${strftime(formats[spec] ?? formats[""]!, instantUs)}\n`);
  }
  return done(`${strftime("%a %b %e %H:%M:%S %Z %Y", instantUs)}\n`);
};

const SLEEP_USAGE =
  "BusyBox v1.35.0 (Debian 1:1.35.0-4+deb12u1+b1) multi-call binary.\n\nUsage: sleep [N]...\n\n" +
  "Pause for a time equal to the total of the args given, where each arg can\n" +
  "have an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n";

const UNIT_US: Readonly<Record<string, number>> = {
  "": 1e6,
  s: 1e6,
  m: 60e6,
  h: 3600e6,
  d: 86_400e6,
};

/** `sleep N[smhd]…` in simulated time; `inf` sleeps until the process is killed. */
export const sleep: Applet = async (argv, ctx, host) => {
  const args = argv.slice(1);
  if (args.length === 0) return done("", SLEEP_USAGE, 1);
  let totalUs = 0;
  for (const arg of args) {
    if (/^inf(inity)?$/i.test(arg)) {
      totalUs = Number.POSITIVE_INFINITY;
      continue;
    }
    const match = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(arg);
    if (match === null) return fail("sleep", `invalid number '${arg}'`);
    totalUs += Math.round(Number(match[1]) * UNIT_US[match[2]!]!);
  }
  await host.sleep(totalUs, ctx.signal);
  return done("");
};

/** `usleep MICROSECONDS` in simulated time. */
export const usleep: Applet = async (argv, ctx, host) => {
  const value = Number(argv[1] ?? "0");
  if (!Number.isFinite(value) || value < 0) return fail("usleep", `invalid number '${argv[1]}'`);
  await host.sleep(Math.round(value), ctx.signal);
  return done("");
};

/** `touch [-c] [-d DATE] [-t STAMP] [-r FILE] FILE…` with simulated times. */
export const touch: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1), "dtr");
  const nowUs = host.clock.nowUs();
  let mtimeUs = nowUs;
  const given = flags.get("d");
  if (given !== undefined) {
    const parsed = parseDateString(given, nowUs);
    if (parsed === undefined) return fail("touch", `invalid date '${given}'`);
    mtimeUs = parsed;
  }
  const stamp = flags.get("t");
  if (stamp !== undefined) {
    const parsed = parseStamp(stamp, nowUs);
    if (parsed === undefined) return fail("touch", `invalid date '${stamp}'`);
    mtimeUs = parsed;
  }
  const reference = flags.get("r");
  if (reference !== undefined) {
    try {
      mtimeUs = host.view.stat(ctx.fs.resolvePath(ctx.cwd, reference)).mtimeUs;
    } catch {
      return fail("touch", `${reference}: No such file or directory`);
    }
  }
  let stderr = "";
  for (const operand of operands) {
    const path = ctx.fs.resolvePath(ctx.cwd, operand);
    try {
      if (!host.view.exists(path)) {
        if (flags.has("c")) continue;
        await ctx.fs.writeFile(path, "");
      }
      host.view.utimes(path, { mtimeUs, nowUs });
    } catch (error) {
      stderr += `touch: ${operand}: ${isFsError(error, "ENOENT") ? "No such file or directory" : errorText(error)}\n`;
    }
  }
  return done("", stderr, stderr === "" ? 0 : 1);
};

/** `timeout [-s SIG] SECS PROG ARGS`: the program is stopped after SECS of simulated time. */
export const timeout: Applet = async (argv, ctx, host) => {
  const { flags, operands } = parseFlags(argv.slice(1), "sk");
  const [duration, ...command] = operands;
  const seconds = Number(duration);
  if (duration === undefined || command.length === 0 || !Number.isFinite(seconds)) {
    return fail("timeout", "usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS");
  }
  let signalNumber = 15;
  try {
    signalNumber = parseSignal(flags.get("s") ?? "TERM").number;
  } catch {
    return fail("timeout", `bad signal name '${flags.get("s")}'`);
  }
  const controller = new AbortController();
  const parent = ctx.signal;
  parent?.addEventListener("abort", () => controller.abort(), { once: true });
  let timedOut = false;
  const cancel = host.after(Math.round(seconds * 1e6), () => {
    timedOut = true;
    controller.abort();
  });
  const execResult = await runQuoted(command, ctx, controller.signal);
  cancel();
  if (!timedOut) return execResult;
  // The shell reports the child killed by the signal, as busybox's ash does for SIGTERM.
  const note = signalNumber === 15 ? "Terminated\n" : signalNumber === 9 ? "Killed\n" : "";
  return { stdout: "", stderr: note, exitCode: 128 + signalNumber };
};

/** `time PROG ARGS`: real time is simulated time; user and sys are zero. */
export const time: Applet = async (argv, ctx, host) => {
  const command = argv.slice(1);
  if (command.length === 0) return done("");
  const startUs = host.clock.nowUs();
  const execResult = await runQuoted(command, ctx, ctx.signal);
  const elapsed = (host.clock.nowUs() - startUs) / 1e6;
  const minutes = Math.floor(elapsed / 60);
  const seconds = (elapsed - minutes * 60).toFixed(2);
  const report = `real\t${minutes}m ${seconds}s\nuser\t0m 0.00s\nsys\t0m 0.00s\n`;
  return { ...execResult, stderr: execResult.stderr + report };
};

function runQuoted(
  command: readonly string[],
  ctx: CommandContext,
  signal: AbortSignal | undefined,
): Promise<ExecResult> {
  return ctx.exec!(command.map(shellQuote).join(" "), {
    cwd: ctx.cwd,
    env: ctx.exportedEnv,
    stdin: ctx.stdin as unknown as string,
    stdinKind: "bytes",
    signal,
  });
}

/** touch -t `[[CC]YY]MMDDhhmm[.ss]`. */
function parseStamp(stamp: string, nowUs: number): number | undefined {
  const match =
    /^([0-9]{2}|[0-9]{4})?([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})(?:\.([0-9]{2}))?$/.exec(stamp);
  if (match === null) return undefined;
  const year = new Date(Math.floor(nowUs / 1000)).getUTCFullYear();
  let fullYear = year;
  if (match[1] !== undefined)
    fullYear = match[1].length === 4 ? Number(match[1]) : 2000 + Number(match[1]);
  return (
    Date.UTC(
      fullYear,
      Number(match[2]) - 1,
      Number(match[3]),
      Number(match[4]),
      Number(match[5]),
      Number(match[6] ?? 0),
    ) * 1000
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
