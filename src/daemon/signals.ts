import { DrydockError } from "../errors/drydock-error.ts";

/** Linux signal numbers by name (without `SIG`), as Docker's `signal.SignalMap` has them. */
export const LINUX_SIGNALS: ReadonlyMap<string, number> = new Map<string, number>([
  ["HUP", 1],
  ["INT", 2],
  ["QUIT", 3],
  ["ILL", 4],
  ["TRAP", 5],
  ["ABRT", 6],
  ["IOT", 6],
  ["BUS", 7],
  ["FPE", 8],
  ["KILL", 9],
  ["USR1", 10],
  ["SEGV", 11],
  ["USR2", 12],
  ["PIPE", 13],
  ["ALRM", 14],
  ["TERM", 15],
  ["STKFLT", 16],
  ["CHLD", 17],
  ["CLD", 17],
  ["CONT", 18],
  ["STOP", 19],
  ["TSTP", 20],
  ["TTIN", 21],
  ["TTOU", 22],
  ["URG", 23],
  ["XCPU", 24],
  ["XFSZ", 25],
  ["VTALRM", 26],
  ["PROF", 27],
  ["WINCH", 28],
  ["IO", 29],
  ["POLL", 29],
  ["PWR", 30],
  ["SYS", 31],
  ["UNUSED", 31],
  ["RTMIN", 34],
  ...Array.from({ length: 15 }, (_, i) => [`RTMIN+${i + 1}`, 35 + i] as [string, number]),
  ...Array.from({ length: 14 }, (_, i) => [`RTMAX-${14 - i}`, 50 + i] as [string, number]),
  ["RTMAX", 64],
]);

/** SIGKILL: the signal no process can ignore. */
export const SIGKILL = 9;
/** SIGTERM: `docker stop`'s default stop signal. */
export const SIGTERM = 15;

/**
 * Parses a signal as dockerd's `signal.ParseSignal` does: a number, or a name with or without
 * `SIG` in any case. `0` and unknown names are `Invalid signal: <text>` (InvalidArgument).
 */
export function parseSignal(text: string): number {
  if (/^[+-]?\d+$/.test(text)) {
    const value = Number(text);
    if (value === 0 || !Number.isSafeInteger(value)) throw invalidSignal(text);
    return value;
  }
  const name = text.toUpperCase().replace(/^SIG/, "");
  const number = LINUX_SIGNALS.get(name);
  if (number === undefined) throw invalidSignal(text);
  return number;
}

/** Whether a number names a Linux signal (`ValidSignalForPlatform`). */
export function isValidSignal(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 64 && value !== 32 && value !== 33;
}

/** How dockerd prints a signal number it does not know: as a Go uint64. */
export function signalAsUint64(value: number): string {
  return value < 0 ? (2n ** 64n + BigInt(value)).toString() : String(value);
}

function invalidSignal(text: string): DrydockError {
  return new DrydockError("InvalidArgument", `Invalid signal: ${text}`, { data: { signal: text } });
}
