import { assert } from "../errors/assert.ts";

/** A flag's value after parsing: booleans, strings, integers, or the values of a repeatable flag. */
export type FlagValue = boolean | string | number | readonly string[];

/** The result of parsing a command's arguments: flag values, positional arguments, and context. */
export class ParsedArgs {
  /** How the command was invoked (`["container", "ls"]`), for messages naming it. */
  readonly commandPath: readonly string[];
  readonly positional: readonly string[];
  readonly #values: ReadonlyMap<string, FlagValue>;
  /** Flags the user set explicitly (pflag's `Changed`). */
  readonly changed: ReadonlySet<string>;

  constructor(options: {
    commandPath: readonly string[];
    positional: readonly string[];
    values: ReadonlyMap<string, FlagValue>;
    changed?: ReadonlySet<string>;
  }) {
    this.commandPath = options.commandPath;
    this.positional = options.positional;
    this.#values = options.values;
    this.changed = options.changed ?? new Set(options.values.keys());
  }

  /** `docker ps`, `docker container ls`: the command as the user typed it. */
  get commandLine(): string {
    return ["docker", ...this.commandPath].join(" ");
  }

  bool(name: string): boolean {
    const value = this.#values.get(name) ?? false;
    assert(typeof value === "boolean", `flag --${name} is not a bool`);
    return value;
  }

  string(name: string): string {
    const value = this.#values.get(name) ?? "";
    assert(typeof value === "string", `flag --${name} is not a string`);
    return value;
  }

  int(name: string): number {
    const value = this.#values.get(name) ?? 0;
    assert(typeof value === "number", `flag --${name} is not an int`);
    return value;
  }

  strings(name: string): readonly string[] {
    const value = this.#values.get(name) ?? [];
    assert(Array.isArray(value), `flag --${name} is not a list`);
    return value;
  }

  /** Whether the user set the flag (even to its default). */
  has(name: string): boolean {
    return this.changed.has(name);
  }
}
