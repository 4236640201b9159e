import type { Engine } from "../engine/engine.ts";
import type { CommandIo } from "./command-io.ts";
import type { ParsedArgs } from "./parsed-args.ts";

/**
 * Value kinds of flags, as pflag and the docker CLI's `opts` types name them in help text:
 * `bool`; `string`; `int`; `list` (repeatable, each value kept: `-e`, `-v`, `-p`, `--label`);
 * `filter` (repeatable `key=value`, validated when given); `stringArray` (repeatable, shown as
 * such). Go durations are validated strings (flags/duration-flag.ts).
 */
export type FlagType = "bool" | "string" | "int" | "list" | "filter" | "stringArray";

/** One flag of a command. */
export interface FlagSpec {
  /** Long name, without dashes. */
  readonly name: string;
  /** One-letter shorthand, if any. */
  readonly short?: string;
  readonly type: FlagType;
  /** pflag usage text; `\n` starts a new help line. */
  readonly usage: string;
  /** The value name help prints after the flag (default: the type's name; none for bool). */
  readonly valueName?: string;
  /** Value when the flag is absent (bool: false, string: "", int: 0, lists: []). */
  readonly defaultValue?: string | number | boolean;
  /** Hidden from help (docker hides a few deprecated flags). */
  readonly hidden?: boolean;
  /** Checks one value when it is given (docker's `opts` validators); returns the reason it is bad. */
  readonly validate?: (value: string) => string | undefined;
  /**
   * The Engine API version the flag needs (the CLI's `version` flag annotation): setting it
   * against an older daemon fails before the command runs.
   */
  readonly minApiVersion?: string;
}

/** How many positional arguments a command takes, with docker's error wording per rule. */
export type ArgsRule =
  | { readonly kind: "none" }
  | { readonly kind: "exact"; readonly count: number }
  | { readonly kind: "min"; readonly count: number }
  | { readonly kind: "max"; readonly count: number }
  | { readonly kind: "range"; readonly min: number; readonly max: number }
  | { readonly kind: "any" };

/** A docker command: what the parser needs to know about it, its help text, and its code. */
export interface CommandSpec {
  /** The name under which the command is registered (`ps`, `ls`, `run`). */
  readonly name: string;
  /** Argument part of the usage line: `[OPTIONS] IMAGE [COMMAND] [ARG...]`. */
  readonly useArgs: string;
  /** Extra usage lines (docker cp shows two forms), shown after a tab. */
  readonly useMore?: readonly string[];
  /** One-line description (group listings). */
  readonly short: string;
  /** Longer description for `--help`, when it differs from `short`. */
  readonly long?: string;
  /** The `Aliases:` line of help, complete (`docker container ls, docker ps`), if any. */
  readonly aliases?: string;
  readonly args: ArgsRule;
  readonly flags: readonly FlagSpec[];
  /**
   * False for commands whose arguments after the first positional belong to something else
   * (`run IMAGE sh -c …`, `exec CONTAINER cmd -x`): parsing stops at the first positional.
   */
  readonly interspersed?: boolean;
  run(engine: Engine, args: ParsedArgs, io: CommandIo): Promise<number>;
}

/** The flag every command has (`-h` is its deprecated shorthand unless a command uses it). */
export const HELP_FLAG: FlagSpec = { name: "help", short: "h", type: "bool", usage: "Print usage" };
