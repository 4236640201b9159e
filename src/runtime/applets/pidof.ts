import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { withHelp } from "./bb-usage.ts";
import { matchesName, namedProcesses } from "./process-names.ts";

/**
 * `pidof [NAME]...`, busybox 1.35 as Debian builds it (no `-s`, no `-o`): for each name the
 * matching PIDs, highest first, all on one line; exit 1 when nothing matched.
 */
export const pidof: Applet = withHelp(async (argv, _ctx, host) => {
  const parsed = bbGetopt("pidof", argv.slice(1), { flags: "" });
  if (isUsageFailure(parsed)) return parsed;
  const processes = namedProcesses(host, argv);
  const pids: number[] = [];
  for (const name of parsed.operands) {
    const matched = processes.filter((process) => matchesName(process, name));
    pids.push(...matched.map((process) => process.pid).reverse());
  }
  return pids.length === 0 ? done("", "", 1) : done(`${pids.join(" ")}\n`);
});
