import { ScenarioError } from "./scenario-error.ts";
import { parseBandwidthMbps, parseDurationUs, parseSizeBytes, UNIT_HELP } from "./units.ts";

/**
 * A typed look at one place of a parsed YAML/JSON document: every accessor checks the value's
 * shape and fails with a `ScenarioError` naming the file, the path (`steps[3].expect.exit`) and
 * what was expected.
 */
export class DocReader {
  readonly file: string;
  readonly path: string;
  readonly value: unknown;

  constructor(options: { file: string; path: string; value: unknown }) {
    this.file = options.file;
    this.path = options.path;
    this.value = options.value;
  }

  /** Fails here with `message`. */
  fail(message: string): never {
    throw new ScenarioError({ file: this.file, path: this.path, message });
  }

  /** The reader of a key of this object (the value may be undefined). */
  key(name: string): DocReader {
    const record = this.object();
    const path = /^[A-Za-z_][\w-]*$/.test(name)
      ? this.path === ""
        ? name
        : `${this.path}.${name}`
      : `${this.path}[${JSON.stringify(name)}]`;
    return new DocReader({ file: this.file, path, value: record[name] });
  }

  get isMissing(): boolean {
    return this.value === undefined || this.value === null;
  }

  object(): Readonly<Record<string, unknown>> {
    const value = this.value;
    if (typeof value !== "object" || value === null || Array.isArray(value))
      this.fail(`expected a mapping (key: value), got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  /** The keys of this mapping, in document order; fails on a key not in `allowed`. */
  keys(allowed?: readonly string[]): string[] {
    const names = Object.keys(this.object());
    if (allowed !== undefined) {
      for (const name of names) {
        if (!allowed.includes(name))
          this.key(name).fail(`unknown key "${name}"; expected one of: ${allowed.join(", ")}`);
      }
    }
    return names;
  }

  /** The entries of a mapping as readers, in document order, at most `countMax`. */
  entries(countMax: number): [string, DocReader][] {
    const names = this.keys();
    if (names.length > countMax) this.fail(`at most ${countMax} entries, got ${names.length}`);
    return names.map((name) => [name, this.key(name)]);
  }

  /** The items of a sequence as readers, at most `countMax`. */
  items(countMax: number): DocReader[] {
    if (!Array.isArray(this.value)) this.fail(`expected a list, got ${describe(this.value)}`);
    const list = this.value as unknown[];
    if (list.length > countMax) this.fail(`at most ${countMax} items, got ${list.length}`);
    return list.map(
      (value, index) => new DocReader({ file: this.file, path: `${this.path}[${index}]`, value }),
    );
  }

  string(options: { lengthMax?: number; nonEmpty?: boolean } = {}): string {
    if (typeof this.value !== "string") this.fail(`expected a string, got ${describe(this.value)}`);
    const text = this.value as string;
    const lengthMax = options.lengthMax ?? 1_000_000;
    if (text.length > lengthMax) this.fail(`at most ${lengthMax} characters, got ${text.length}`);
    if (options.nonEmpty === true && text.trim() === "") this.fail("expected a non-empty string");
    return text;
  }

  /** A string or a list of strings, as a list. */
  strings(options: { countMax: number; lengthMax?: number }): string[] {
    if (typeof this.value === "string") return [this.string(options)];
    return this.items(options.countMax).map((item) => item.string(options));
  }

  integer(options: { min?: number; max?: number } = {}): number {
    const value = this.value;
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      this.fail(`expected a whole number, got ${describe(value)}`);
    const number = value as number;
    if (options.min !== undefined && number < options.min)
      this.fail(`expected at least ${options.min}, got ${number}`);
    if (options.max !== undefined && number > options.max)
      this.fail(`expected at most ${options.max}, got ${number}`);
    return number;
  }

  boolean(): boolean {
    if (typeof this.value !== "boolean")
      this.fail(`expected true or false, got ${describe(this.value)}`);
    return this.value as boolean;
  }

  durationUs(): number {
    const text = typeof this.value === "number" && this.value === 0 ? "0" : this.value;
    if (typeof text !== "string")
      this.fail(`expected ${UNIT_HELP.duration}, got ${describe(text)}`);
    const us = parseDurationUs(text as string);
    if (us === undefined) this.fail(`expected ${UNIT_HELP.duration}, got ${describe(text)}`);
    return us as number;
  }

  bandwidthMbps(): number {
    const text = this.value;
    if (typeof text !== "string")
      this.fail(`expected ${UNIT_HELP.bandwidth}, got ${describe(text)}`);
    const mbps = parseBandwidthMbps(text as string);
    if (mbps === undefined || mbps <= 0)
      this.fail(`expected ${UNIT_HELP.bandwidth}, got ${describe(text)}`);
    return mbps as number;
  }

  sizeBytes(): number {
    const text = typeof this.value === "number" ? `${this.value}B` : this.value;
    if (typeof text !== "string") this.fail(`expected ${UNIT_HELP.size}, got ${describe(text)}`);
    const bytes = parseSizeBytes(text as string);
    if (bytes === undefined) this.fail(`expected ${UNIT_HELP.size}, got ${describe(text)}`);
    return bytes as number;
  }
}

/** A value as an error message shows it: its type, and short values themselves. */
function describe(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 40 ? `${typeof value} ${text.slice(0, 37)}...` : `${typeof value} ${text}`;
}
