import type { CommandContext, ExecResult } from "just-bash";
import type { ProcessHost } from "../process-host.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbNumber } from "./bb-number.ts";
import { bbSignal } from "./bb-signals.ts";
import { withHelp } from "./bb-usage.ts";

/**
 * `halt`/`poweroff`/`reboot [-d DELAY] [-nfw]`, busybox 1.35's: after the delay (simulated
 * seconds) they ask init (PID 1) with SIGUSR1/SIGUSR2/SIGTERM, which a container's init
 * ignores unless it traps them; `-f` calls reboot(2), which needs CAP_SYS_BOOT; `-w` does
 * nothing (there is no wtmp).
 */
function powerApplet(name: "halt" | "poweroff" | "reboot", signo: number): Applet {
  return withHelp(async (argv, ctx, host) => {
    const parsed = bbGetopt(name, argv.slice(1), {
      flags: "dnfwi",
      withValue: "d",
      permute: false,
    });
    if (isUsageFailure(parsed)) return parsed;
    return powerOff({ name, signo, flags: parsed.flags, ctx, host });
  });
}

async function powerOff(options: {
  readonly name: string;
  readonly signo: number;
  readonly flags: ReadonlyMap<string, readonly string[]>;
  readonly ctx: CommandContext;
  readonly host: ProcessHost;
}): Promise<ExecResult> {
  const { flags, host } = options;
  const delayText = flags.get("d")?.at(-1);
  if (delayText !== undefined) {
    const delay = parseBbNumber(delayText, { max: 2n ** 32n - 1n });
    if ("error" in delay) return done("", `${options.name}: ${delay.error}\n`, 1);
    await host.sleep(Number(delay.value) * 1e6, options.ctx.signal);
  }
  if (flags.has("w")) return done("");
  if (flags.has("f")) return done("", `${options.name}: (null): Operation not permitted\n`, 1);
  host.signalProcess(1, bbSignal(options.signo));
  return done("");
}

/** `halt`: SIGUSR1 to init. */
export const halt: Applet = powerApplet("halt", 10);
/** `poweroff`: SIGUSR2 to init. */
export const poweroff: Applet = powerApplet("poweroff", 12);
/** `reboot`: SIGTERM to init. */
export const reboot: Applet = powerApplet("reboot", 15);
