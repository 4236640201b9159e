/** How a flag takes its value (Docker's `BFlags` types). */
export type FlagType = "bool" | "string" | "strings";

/** One flag an instruction accepts. */
export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  /**
   * True for flags only BuildKit knows (`--link`, `--parents`, `--network`…). The classic
   * dialect does not register them, so they fail with Docker 20.10's `Unknown flag: link`.
   */
  readonly buildkitOnly?: boolean;
  /**
   * True for flags Docker 20.10 parses but refuses when the step runs (`RUN --mount`,
   * `COPY --chmod`: "the --mount option requires BuildKit").
   */
  readonly refusedByClassicAtRun?: boolean;
}

/** The flags an instruction was given, after Docker's checks. */
export interface ParsedFlags {
  /** Values of `string` and `bool` flags that were used (`"true"`/`"false"` for booleans). */
  readonly values: ReadonlyMap<string, string>;
  /** Every value of each `strings` flag that was used, in order. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  /** Names of the flags used, sorted. */
  readonly used: readonly string[];
}

/** A flag error; the message is Docker's (`Unknown flag: foo`). */
export class FlagError extends Error {}

/**
 * Checks raw flags (`--name=value`) against an instruction's specs the way Docker 20.10's
 * `BFlags.Parse` does, with its wording: a lone `--` ends the flags; a flag not in `specs` is
 * unknown; a repeated non-list flag is a duplicate; string flags need `=`; booleans take
 * nothing, `true` or `false` in any case.
 */
export function parseBuildFlags(raw: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const used = new Set<string>();
  for (const arg of raw) {
    if (!arg.startsWith("--")) throw new FlagError(`Arg should start with -- : ${arg}`);
    if (arg === "--") break;
    const eq = arg.indexOf("=", 2);
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const value = eq < 0 ? undefined : arg.slice(eq + 1);
    const spec = byName.get(name);
    if (spec === undefined) throw new FlagError(`Unknown flag: ${name}`);
    if (used.has(name) && spec.type !== "strings") {
      throw new FlagError(`Duplicate flag specified: ${name}`);
    }
    used.add(name);
    if (spec.type === "bool") {
      if (value === "") throw new FlagError(`Missing a value on flag: ${name}`);
      const lower = (value ?? "true").toLowerCase();
      if (lower !== "true" && lower !== "false") {
        throw new FlagError(`Expecting boolean value for flag ${name}, not: ${value}`);
      }
      values.set(name, lower);
      continue;
    }
    if (value === undefined) throw new FlagError(`Missing a value on flag: ${name}`);
    if (spec.type === "string") values.set(name, value);
    else lists.set(name, [...(lists.get(name) ?? []), value]);
  }
  return { values, lists, used: [...used].sort() };
}
