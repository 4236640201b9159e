import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { withHelp } from "./bb-usage.ts";
import { strftime } from "./strftime.ts";

/**
 * `uptime [-s]`, busybox 1.35's: the simulated time (UTC), the time since boot from
 * `/proc/uptime` (whole seconds rounded up, as sysinfo(2) gives them), no users (a container has
 * no utmp) and the load averages of `/proc/loadavg`; `-s` prints when the host booted.
 */
export const uptime: Applet = withHelp(async (argv, _ctx, host) => {
  const parsed = bbGetopt("uptime", argv.slice(1), { flags: "s" });
  if (isUsageFailure(parsed)) return parsed;
  const read = (path: string) => {
    try {
      return new TextDecoder().decode(host.view.readFile(path)).split(/\s+/);
    } catch {
      return [];
    }
  };
  const upSeconds = Math.ceil(Number(read("/proc/uptime")[0] ?? 0));
  const nowUs = host.clock.nowUs();
  if (parsed.flags.has("s"))
    return done(`${strftime("%Y-%m-%d %H:%M:%S", nowUs - upSeconds * 1e6)}\n`);
  const days = Math.floor(upSeconds / 86_400);
  const minutes = Math.floor(upSeconds / 60);
  const hours = Math.floor(minutes / 60) % 24;
  let out = ` ${strftime("%H:%M:%S", nowUs)} up `;
  if (days !== 0) out += `${days} day${days !== 1 ? "s" : ""}, `;
  out +=
    hours !== 0
      ? `${String(hours).padStart(2)}:${String(minutes % 60).padStart(2, "0")}`
      : `${minutes % 60} min`;
  const loads = read("/proc/loadavg").slice(0, 3);
  const load = (text: string | undefined) => (Number(text ?? 0) || 0).toFixed(2);
  const averages = [0, 1, 2].map((i) => load(loads[i])).join(", ");
  return done(`${out},  0 users,  load average: ${averages}\n`);
});
