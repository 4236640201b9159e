import { type Signal, signalOfNumber } from "../signals.ts";

/** glibc's NSIG on x86-64: signal numbers below it are valid (0 tests for existence). */
const NSIG = 65;

/** busybox's signal names by number (`kill -l`): Linux's, with 29 listed as POLL. */
function signalName(number: number): string | undefined {
  if (number === 29) return "POLL";
  return number === 0 ? "EXIT" : signalOfNumber(number)?.name;
}

/**
 * libbb's `get_signum`: a number below NSIG, a name with or without `SIG` in any case, or
 * IO/IOT; -1 otherwise. RTMIN/RTMAX forms are not modelled.
 */
export function bbSignalNumber(text: string): number {
  if (/^[0-9]+$/.test(text)) {
    const number = Number(text);
    if (number < NSIG) return number;
  }
  const name = text.replace(/^sig/i, "").toUpperCase();
  for (let number = 0; number < 32; number++) if (signalName(number) === name) return number;
  if (name === "IO") return 29;
  if (name === "IOT") return 6;
  return -1;
}

/** libbb's `get_signame`: the name, or the number itself when it has none. */
export function bbSignalName(number: number): string {
  return signalName(number) ?? String(number);
}

/** `print_signames`: ` 1) HUP` … `31) SYS`. */
export function bbSignalList(): string {
  let out = "";
  for (let number = 1; number < 32; number++)
    out += `${String(number).padStart(2)}) ${signalName(number)}\n`;
  return out;
}

/** The signal to deliver for a busybox signal number (1..64). */
export function bbSignal(number: number): Signal {
  return signalOfNumber(number) ?? { name: `RT${number}`, number };
}
