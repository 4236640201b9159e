import { DrydockError } from "../errors/drydock-error.ts";

/** Linux x86-64 signal numbers, as `kill -l` lists them. */
const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  TRAP: 5,
  ABRT: 6,
  BUS: 7,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
  STKFLT: 16,
  CHLD: 17,
  CONT: 18,
  STOP: 19,
  TSTP: 20,
  TTIN: 21,
  TTOU: 22,
  URG: 23,
  XCPU: 24,
  XFSZ: 25,
  VTALRM: 26,
  PROF: 27,
  WINCH: 28,
  IO: 29,
  PWR: 30,
  SYS: 31,
};

const NAME_OF_NUMBER: ReadonlyMap<number, string> = new Map(
  Object.entries(SIGNAL_NUMBERS).map(([name, number]) => [number, name]),
);

/** Signals whose default action is to do nothing (so they never end a process). */
const IGNORED_BY_DEFAULT: ReadonlySet<string> = new Set(["CHLD", "CONT", "URG", "WINCH"]);
/** Signals whose default action stops the process (job control), modelled as a pause. */
const STOP_BY_DEFAULT: ReadonlySet<string> = new Set(["STOP", "TSTP", "TTIN", "TTOU"]);

/** A signal by its short name (`TERM`) and number (15). */
export interface Signal {
  readonly name: string;
  readonly number: number;
}

/** What a signal does to a process that has no handler for it. */
export type SignalDefault = "terminate" | "ignore" | "stop" | "continue";

/**
 * Parses a signal as Docker accepts it: `SIGTERM`, `TERM`, `term` or `15`. Anything else is
 * an InvalidArgument error with dockerd's wording (`Invalid signal: X`).
 */
export function parseSignal(raw: string | number): Signal {
  if (typeof raw === "number" || /^[0-9]+$/.test(raw)) {
    const number = Number(raw);
    const name = NAME_OF_NUMBER.get(number);
    if (name !== undefined) return { name, number };
    throw invalidSignal(String(raw));
  }
  const name = raw.toUpperCase().replace(/^SIG/, "");
  const number = SIGNAL_NUMBERS[name];
  if (number === undefined) throw invalidSignal(raw);
  return { name, number };
}

/** The signal with this number, or undefined. */
export function signalOfNumber(number: number): Signal | undefined {
  const name = NAME_OF_NUMBER.get(number);
  return name === undefined ? undefined : { name, number };
}

/** The default disposition of a signal (signal(7)). */
export function signalDefault(signal: Signal): SignalDefault {
  if (signal.name === "CONT") return "continue";
  if (IGNORED_BY_DEFAULT.has(signal.name)) return "ignore";
  if (STOP_BY_DEFAULT.has(signal.name)) return "stop";
  return "terminate";
}

/** All signals in number order, for `kill -l`. */
export function allSignals(): Signal[] {
  return [...NAME_OF_NUMBER.entries()]
    .sort(([a], [b]) => a - b)
    .map(([number, name]) => ({ name, number }));
}

function invalidSignal(raw: string): DrydockError {
  return new DrydockError("InvalidArgument", `Invalid signal: ${raw}`, { data: { signal: raw } });
}
