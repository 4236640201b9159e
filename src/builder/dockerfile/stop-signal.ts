import { DrydockError } from "../../errors/drydock-error.ts";

const LINUX_SIGNALS: readonly string[] = [
  "ABRT",
  "ALRM",
  "BUS",
  "CHLD",
  "CLD",
  "CONT",
  "FPE",
  "HUP",
  "ILL",
  "INT",
  "IO",
  "IOT",
  "KILL",
  "PIPE",
  "POLL",
  "PROF",
  "PWR",
  "QUIT",
  "SEGV",
  "STKFLT",
  "STOP",
  "SYS",
  "TERM",
  "TRAP",
  "TSTP",
  "TTIN",
  "TTOU",
  "URG",
  "USR1",
  "USR2",
  "VTALRM",
  "WINCH",
  "XCPU",
  "XFSZ",
  "UNUSED",
  "RTMIN",
  "RTMAX",
];

function isSignalName(name: string): boolean {
  if (LINUX_SIGNALS.includes(name)) return true;
  const rt = /^RTMIN\+([1-9]|1[0-5])$|^RTMAX-([1-9]|1[0-4])$/.exec(name);
  return rt !== null;
}

/**
 * Docker's check of a STOPSIGNAL value (after expansion), `pkg/signal.ParseSignal`: a non-zero
 * integer, or a Linux signal name with or without `SIG`, in any case. Returns the value as
 * written (Docker stores it unchanged); throws Docker's `Invalid signal: X`.
 */
export function checkStopSignal(signal: string): string {
  if (/^[+-]?[0-9]+$/.test(signal)) {
    const number = Number(signal);
    if (number !== 0 && Number.isSafeInteger(number) && Math.abs(number) <= 2 ** 63) return signal;
  } else {
    const upper = signal.toUpperCase();
    if (isSignalName(upper.startsWith("SIG") ? upper.slice(3) : upper)) return signal;
  }
  throw new DrydockError("InvalidArgument", `Invalid signal: ${signal}`, { data: { signal } });
}
