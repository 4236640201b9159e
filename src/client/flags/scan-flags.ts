import { type CommandSpec, type FlagSpec, HELP_FLAG } from "../command-spec.ts";
import { type FlagValue, ParsedArgs } from "../parsed-args.ts";
import { convertFlagValue } from "./flag-value.ts";

/** What scanning a command's arguments found. */
export type ScanResult =
  | { readonly kind: "ok"; readonly args: ParsedArgs }
  | { readonly kind: "help"; readonly deprecatedShorthand: boolean }
  /** A flag error, in pflag's words (`unknown flag: --bogus`). */
  | { readonly kind: "error"; readonly message: string };

/** Arguments beyond this count are refused: a command line is not a data channel. */
export const ARGUMENTS_MAX = 100_000;

/**
 * Parses a command's arguments with pflag's rules, as the docker CLI does: `--name value`,
 * `--name=value`, `-n value`, `-nvalue`, `-n=value`, grouped bool shorthands (`-it`), `--`
 * ending the flags; with `interspersed: false` everything from the first positional argument on
 * is positional (`run IMAGE sh -c …`). Errors use pflag's wording.
 */
export function scanFlags(
  spec: Pick<CommandSpec, "flags" | "interspersed">,
  argv: readonly string[],
  commandPath: readonly string[],
): ScanResult {
  const scanner = new Scanner(spec);
  const result = scanner.scan(argv.slice(0, ARGUMENTS_MAX));
  if (result !== undefined) return result;
  return {
    kind: "ok",
    args: new ParsedArgs({
      commandPath,
      positional: scanner.positional,
      values: scanner.values(),
      changed: scanner.changed,
    }),
  };
}

class Scanner {
  readonly positional: string[] = [];
  readonly changed = new Set<string>();
  readonly #values = new Map<string, FlagValue>();
  readonly #byName = new Map<string, FlagSpec>();
  readonly #byShort = new Map<string, FlagSpec>();
  readonly #interspersed: boolean;
  #help = false;
  #helpShorthand = false;

  constructor(spec: Pick<CommandSpec, "flags" | "interspersed">) {
    for (const flag of [HELP_FLAG, ...spec.flags]) {
      this.#byName.set(flag.name, flag);
      if (flag.short !== undefined) this.#byShort.set(flag.short, flag);
    }
    this.#interspersed = spec.interspersed ?? true;
  }

  values(): Map<string, FlagValue> {
    const out = new Map<string, FlagValue>();
    for (const flag of this.#byName.values()) {
      if (flag === HELP_FLAG) continue;
      out.set(flag.name, this.#values.get(flag.name) ?? defaultOf(flag));
    }
    return out;
  }

  scan(argv: readonly string[]): ScanResult | undefined {
    let rest = argv;
    while (rest.length > 0) {
      const arg = rest[0]!;
      rest = rest.slice(1);
      if (arg.length < 2 || !arg.startsWith("-")) {
        this.positional.push(arg);
        if (!this.#interspersed) {
          this.positional.push(...rest);
          break;
        }
        continue;
      }
      if (arg === "--") {
        this.positional.push(...rest);
        break;
      }
      const step = arg.startsWith("--") ? this.#long(arg, rest) : this.#shorts(arg, rest);
      if (typeof step === "string") return { kind: "error", message: step };
      rest = step;
    }
    return this.#help ? { kind: "help", deprecatedShorthand: this.#helpShorthand } : undefined;
  }

  #long(arg: string, rest: readonly string[]): readonly string[] | string {
    const body = arg.slice(2);
    if (body.startsWith("-") || body.startsWith("=")) return `bad flag syntax: ${arg}`;
    const equals = body.indexOf("=");
    const name = equals < 0 ? body : body.slice(0, equals);
    const flag = this.#byName.get(name);
    if (flag === undefined) return `unknown flag: --${name}`;
    if (equals >= 0) return this.#set(flag, body.slice(equals + 1), rest);
    if (flag.type === "bool") return this.#set(flag, "true", rest);
    if (rest.length === 0) return `flag needs an argument: ${arg}`;
    return this.#set(flag, rest[0]!, rest.slice(1));
  }

  #shorts(arg: string, rest: readonly string[]): readonly string[] | string {
    let shorthands = arg.slice(1);
    while (shorthands.length > 0) {
      const letter = shorthands[0]!;
      const flag = this.#byShort.get(letter);
      if (flag === undefined) {
        return `unknown shorthand flag: '${letter}' in -${shorthands}`;
      }
      let value: string;
      if (shorthands.length > 2 && shorthands[1] === "=") {
        value = shorthands.slice(2);
        shorthands = "";
      } else if (flag.type === "bool") {
        value = "true";
        shorthands = shorthands.slice(1);
      } else if (shorthands.length > 1) {
        value = shorthands.slice(1);
        shorthands = "";
      } else if (rest.length > 0) {
        value = rest[0]!;
        rest = rest.slice(1);
        shorthands = "";
      } else {
        return `flag needs an argument: '${letter}' in -${shorthands}`;
      }
      if (flag === HELP_FLAG) this.#helpShorthand = true;
      const step = this.#set(flag, value, rest);
      if (typeof step === "string") return step;
    }
    return rest;
  }

  #set(flag: FlagSpec, text: string, rest: readonly string[]): readonly string[] | string {
    if (flag === HELP_FLAG) {
      const converted = convertFlagValue(flag, text, undefined);
      if (converted.ok && converted.value === true) this.#help = true;
      return converted.ok ? rest : invalid(flag, text, converted.error);
    }
    const converted = convertFlagValue(flag, text, this.#values.get(flag.name));
    if (!converted.ok) return invalid(flag, text, converted.error);
    this.#values.set(flag.name, converted.value);
    this.changed.add(flag.name);
    return rest;
  }
}

function invalid(flag: FlagSpec, text: string, error: string): string {
  const names = flag.short === undefined ? `--${flag.name}` : `-${flag.short}, --${flag.name}`;
  return `invalid argument ${JSON.stringify(text)} for "${names}" flag: ${error}`;
}

/** The value of a flag the user did not give. */
export function defaultOf(flag: FlagSpec): FlagValue {
  if (flag.defaultValue !== undefined) return flag.defaultValue;
  switch (flag.type) {
    case "bool":
      return false;
    case "int":
      return 0;
    case "string":
      return "";
    default:
      return [];
  }
}
