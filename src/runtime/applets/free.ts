import { type Applet, done } from "./applet.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { humanReadable } from "./human-readable.ts";

const UNITS: Readonly<Record<string, bigint>> = {
  b: 1n,
  k: 1024n,
  m: 1024n ** 2n,
  g: 1024n ** 3n,
  h: 0n,
};

/**
 * `free [-bkmgh]`, busybox 1.35's: only the first argument's first option letter counts (`-bm`
 * is bytes, `x` is ignored, anything else is usage). Figures come from `/proc/meminfo`, as the
 * kernel's sysinfo(2) and busybox's `parse_meminfo` take them: buff/cache is Buffers + Cached +
 * SReclaimable, used is what neither free nor buff/cache holds.
 */
export const free: Applet = withHelp(async (argv, _ctx, host) => {
  const first = argv[1];
  let unit = 1024n;
  if (first?.startsWith("-")) {
    const chosen = UNITS[first[1] ?? ""];
    if (chosen === undefined) return showUsage("free");
    unit = chosen;
  }
  let meminfo: string;
  try {
    meminfo = new TextDecoder().decode(host.view.readFile("/proc/meminfo"));
  } catch {
    return done("", "free: can't open '/proc/meminfo': No such file or directory\n", 1);
  }
  const kb = (name: string) => {
    const match = new RegExp(`^${name.replace(/[()]/g, "\\$&")}:\\s*([0-9]+)`, "m").exec(meminfo);
    return match === null ? 0n : BigInt(match[1]!) * 1024n;
  };
  const total = kb("MemTotal");
  const freeBytes = kb("MemFree");
  const cached = kb("Cached") + kb("Buffers") + kb("SReclaimable");
  const swapTotal = kb("SwapTotal");
  const swapFree = kb("SwapFree");
  const cell = (bytes: bigint) => humanReadable(bytes, 1n, unit).padStart(12);
  return done(
    `       ${["total", "used", "free", "shared", "buff/cache", "available"].map((h) => h.padStart(12)).join("")}\n` +
      `Mem:   ${[total, total - cached - freeBytes, freeBytes, kb("Shmem"), cached, kb("MemAvailable")].map(cell).join("")}\n` +
      `Swap:  ${[swapTotal, swapTotal - swapFree, swapFree].map(cell).join("")}\n`,
  );
});
