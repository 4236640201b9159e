import type { ExecResult } from "just-bash";
import { type Applet, done } from "./applet.ts";
import { bbSignal, bbSignalList, bbSignalName, bbSignalNumber } from "./bb-signals.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { matchesName, namedProcesses } from "./process-names.ts";

/**
 * `killall [-lq] [-SIG] PROCESS_NAME...`, busybox 1.35's (kill.c, parsed by hand: `-q` only
 * first, then `-SIG`, `-s SIG` or `--`): signals every process matching each name (busybox
 * forks it, so the calling shell is fair game, its own process is not). Exit status is the
 * number of names that matched nothing plus the kills that failed.
 */
export const killall: Applet = withHelp(async (argv, _ctx, host) => {
  let index = 1;
  let arg = argv[index];
  let quiet = false;
  let signo = 15;
  if (arg?.startsWith("-")) {
    if (arg === "-l") return listSignals(argv.slice(2));
    if (arg === "-q") {
      quiet = true;
      arg = argv[++index];
      if (arg === undefined) return showUsage("killall");
    }
  }
  if (arg?.startsWith("-")) {
    let name = arg.slice(1);
    if (name !== "-") {
      if (argv[index + 1] !== undefined && name === "s") name = argv[++index]!;
      signo = bbSignalNumber(name);
      if (signo < 0) return done("", `killall: bad signal name '${name}'\n`, 1);
    }
    arg = argv[++index];
  }
  if (arg === undefined) return done("", "killall: you need to specify whom to kill\n", 1);
  const processes = namedProcesses(host, argv);
  const selfPid = processes.at(-1)!.pid;
  let stderr = "";
  let errors = 0;
  for (const name of argv.slice(index)) {
    const matched = processes.filter((process) => matchesName(process, name));
    if (matched.length === 0) {
      errors++;
      if (!quiet) stderr += `killall: ${name}: no process killed\n`;
      continue;
    }
    for (const process of matched) {
      if (process.pid === selfPid) continue;
      const alive = signo === 0 || host.signalProcess(process.pid, bbSignal(signo));
      if (alive) continue;
      errors++;
      if (!quiet) stderr += `killall: can't kill pid ${process.pid}: No such process\n`;
    }
  }
  return done("", stderr, errors & 0xff);
});

/** `-l [SIG]...`: the whole list, or each number's name and each name's number. */
function listSignals(args: readonly string[]): ExecResult {
  if (args.length === 0) return done(bbSignalList());
  let stdout = "";
  for (const arg of args) {
    if (/^[0-9]/.test(arg)) {
      if (!/^[0-9]+$/.test(arg) || Number(arg) > 2 ** 32 - 1)
        return done(stdout, `killall: unknown signal '${arg}'\n`, 1);
      stdout += `${bbSignalName(Number(arg) & 0x7f)}\n`;
      continue;
    }
    const number = bbSignalNumber(arg);
    if (number < 0) return done(stdout, `killall: unknown signal '${arg}'\n`, 1);
    stdout += `${number}\n`;
  }
  return done(stdout);
}
