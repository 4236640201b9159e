import { readPasswd } from "../passwd-file.ts";
import { allSignals, parseSignal, type Signal } from "../signals.ts";
import { type Applet, done, fail } from "./applet.ts";
import { processesWithSelf } from "./process-names.ts";
import { strftime } from "./strftime.ts";

const PS_COLUMNS: Readonly<
  Record<string, { header: string; width: number; value: (row: PsRow) => string }>
> = {
  pid: { header: "PID", width: 5, value: (row) => String(row.pid) },
  ppid: { header: "PPID", width: 5, value: (row) => String(row.ppid) },
  pgid: { header: "PGID", width: 5, value: (row) => String(row.pid) },
  user: { header: "USER", width: -8, value: (row) => row.user },
  group: { header: "GROUP", width: -8, value: (row) => String(row.gid) },
  comm: { header: "COMMAND", width: 0, value: (row) => row.comm },
  args: { header: "COMMAND", width: 0, value: (row) => row.args },
  etime: { header: "ELAPSED", width: 7, value: (row) => row.etime },
  time: { header: "TIME", width: 6, value: () => "0:00" },
  nice: { header: "NI", width: 3, value: () => "0" },
  stat: { header: "STAT", width: -4, value: (row) => row.state },
};

interface PsRow {
  readonly pid: number;
  readonly ppid: number;
  readonly gid: number;
  readonly user: string;
  readonly comm: string;
  readonly args: string;
  readonly etime: string;
  readonly state: string;
}

/** busybox `ps` (`-o pid,ppid,user,args,…`): the container's PID namespace. */
export const ps: Applet = async (argv, _ctx, host) => {
  const columns: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    if (argv[i] === "-o" && argv[i + 1] !== undefined) columns.push(...argv[++i]!.split(","));
    else if (argv[i]!.startsWith("-o") && argv[i]!.length > 2)
      columns.push(...argv[i]!.slice(2).split(","));
  }
  const chosen = columns.length === 0 ? ["pid", "user", "args"] : columns;
  for (const column of chosen)
    if (PS_COLUMNS[column] === undefined) return fail("ps", `bad -o argument '${column}'`);
  const users = new Map(readPasswd(host.view).map((entry) => [entry.uid, entry.name]));
  const nowUs = host.clock.nowUs();
  const rows = processesWithSelf(host, argv).map(
    (process): PsRow => ({
      pid: process.pid,
      ppid: process.ppid,
      gid: process.gid,
      user: users.get(process.uid) ?? String(process.uid),
      comm: (process.argv[0] ?? "").split("/").pop() ?? "",
      args: process.argv.join(" "),
      etime: strftime("%M:%S", Math.max(0, nowUs - process.startedUs)),
      state: process.state,
    }),
  );
  const cell = (text: string, width: number, last: boolean) =>
    last || width === 0
      ? text
      : width < 0
        ? text.slice(0, -width).padEnd(-width)
        : text.padStart(width);
  const line = (values: (column: string) => string, header: boolean) =>
    chosen
      .map((column, index) => {
        const spec = PS_COLUMNS[column]!;
        const last = index === chosen.length - 1;
        const text = values(column);
        return header
          ? last
            ? text
            : text.padEnd(Math.abs(spec.width))
          : cell(text, spec.width, last);
      })
      .join(" ");
  let out = `${line((column) => PS_COLUMNS[column]!.header, true)}\n`;
  for (const row of rows) out += `${line((column) => PS_COLUMNS[column]!.value(row), false)}\n`;
  return done(out);
};

/** The `kill` builtin: `kill [-s SIG | -SIG] PID…`, `kill -l [N]`. */
export const kill: Applet = async (argv, _ctx, host) => {
  const args = argv.slice(1);
  if (args[0] === "-l" || args[0] === "-L") {
    const number = args[1];
    if (number !== undefined) {
      try {
        return done(`${parseSignal(Number(number) > 128 ? Number(number) - 128 : number).name}\n`);
      } catch {
        return fail("sh: kill", `${number}: invalid signal`);
      }
    }
    return done(
      allSignals()
        .map((signal) => `${String(signal.number).padStart(2)}) ${signal.name}\n`)
        .join(""),
    );
  }
  let signal: Signal = { name: "TERM", number: 15 };
  let index = 0;
  try {
    if (args[0] === "-s" || args[0] === "-n") {
      signal = parseSignal(args[1] ?? "");
      index = 2;
    } else if (args[0] !== undefined && /^-[A-Za-z0-9]+$/.test(args[0])) {
      signal = parseSignal(args[0].slice(1));
      index = 1;
    }
  } catch {
    return fail("sh: kill", `bad signal name '${args[index === 0 ? 0 : 1]}'`);
  }
  const pids = args.slice(index);
  if (pids.length === 0) return fail("sh: kill", "usage: kill [-s SIG | -SIG] PID...");
  let stderr = "";
  for (const pid of pids) {
    if (!/^[0-9]+$/.test(pid)) {
      stderr += `sh: kill: invalid number '${pid}'\n`;
      continue;
    }
    if (!host.signalProcess(Number(pid), signal))
      stderr += `sh: can't kill pid ${pid}: No such process\n`;
  }
  return done("", stderr, stderr === "" ? 0 : 1);
};

/** `env` with no command: the exported environment (just-bash's also lists shell variables). */
export const env: Applet = async (argv, ctx, host) => {
  const args = argv.slice(1);
  if (args.length > 0) return host.bundled("env")!.execute(args, ctx as never);
  const exported = ctx.exportedEnv ?? {};
  // The process's own variables in the order it got them, then what the shell added.
  const initial = host.initialEnv.map((entry) => entry.slice(0, Math.max(0, entry.indexOf("="))));
  const keys = [
    ...new Set([...initial.filter((key) => key in exported), ...Object.keys(exported)]),
  ];
  let out = "";
  for (const key of keys) {
    const value = exported[key]!;
    if (key === "OLDPWD" && value === exported.PWD) continue;
    out += `${key}=${value}\n`;
  }
  return done(out);
};

/** Stops after this much output: pipelines run one stage at a time, so `yes | head` needs an end. */
const YES_OUTPUT_BYTES_MAX = 64 * 1024;

/** `yes [STRING]`, bounded (see `YES_OUTPUT_BYTES_MAX`). */
export const yes: Applet = async (argv) => {
  const line = `${argv.length > 1 ? argv.slice(1).join(" ") : "y"}\n`;
  return done(line.repeat(Math.max(1, Math.floor(YES_OUTPUT_BYTES_MAX / line.length))));
};
