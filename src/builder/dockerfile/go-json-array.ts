/**
 * The JSON reading Docker's classic builder applies to an exec-form argument list: Go's
 * `json.NewDecoder(r).Decode(&[]interface{})`. Unlike `JSON.parse` it reads one value and ignores
 * whatever follows it (`CMD ["a"] trailing` is `["a"]`), and it replaces an invalid UTF-16
 * surrogate escape with U+FFFD. (BuildKit ≥0.9 uses `json.Unmarshal`, which rejects trailing text.)
 */
export type GoJsonArrayResult =
  | { readonly kind: "strings"; readonly values: readonly string[] }
  /** Valid JSON array with an element that is not a string: Docker's hard error. */
  | { readonly kind: "not-strings" }
  /** Not JSON (or not an array): the caller falls back to the shell form. */
  | { readonly kind: "invalid" };

const MAX_DEPTH = 10_000; // Go's decoder nesting limit

class Syntax extends Error {}

/** Parses the JSON array at the start of `text` (leading whitespace already trimmed). */
export function parseGoJsonArray(text: string): GoJsonArrayResult {
  if (!text.startsWith("[")) return { kind: "invalid" };
  const reader = new Reader(text);
  try {
    const value = reader.value(0);
    if (!Array.isArray(value)) return { kind: "invalid" };
    if (!value.every((item) => typeof item === "string")) return { kind: "not-strings" };
    return { kind: "strings", values: value as string[] };
  } catch (error) {
    if (error instanceof Syntax) return { kind: "invalid" };
    throw error;
  }
}

class Reader {
  readonly #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new Syntax();
    this.#skipSpace();
    const ch = this.#text[this.#pos];
    if (ch === "[") return this.#array(depth);
    if (ch === "{") return this.#object(depth);
    if (ch === '"') return this.#string();
    if (ch === "t") return this.#literal("true", true);
    if (ch === "f") return this.#literal("false", false);
    if (ch === "n") return this.#literal("null", null);
    return this.#number();
  }

  #skipSpace(): void {
    while (" \t\r\n".includes(this.#text[this.#pos] ?? "x")) this.#pos++;
  }

  #expect(ch: string): void {
    this.#skipSpace();
    if (this.#text[this.#pos] !== ch) throw new Syntax();
    this.#pos++;
  }

  #peekAfterSpace(): string | undefined {
    this.#skipSpace();
    return this.#text[this.#pos];
  }

  #array(depth: number): unknown[] {
    this.#pos++;
    const out: unknown[] = [];
    if (this.#peekAfterSpace() === "]") {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth + 1));
      const next = this.#peekAfterSpace();
      this.#pos++;
      if (next === "]") return out;
      if (next !== ",") throw new Syntax();
    }
  }

  #object(depth: number): Record<string, unknown> {
    this.#pos++;
    if (this.#peekAfterSpace() === "}") {
      this.#pos++;
      return {};
    }
    for (;;) {
      if (this.#peekAfterSpace() !== '"') throw new Syntax();
      this.#string();
      this.#expect(":");
      this.value(depth + 1);
      const next = this.#peekAfterSpace();
      this.#pos++;
      if (next === "}") return {};
      if (next !== ",") throw new Syntax();
    }
  }

  #literal<T>(word: string, value: T): T {
    if (!this.#text.startsWith(word, this.#pos)) throw new Syntax();
    this.#pos += word.length;
    return value;
  }

  #number(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(
      this.#text.slice(this.#pos),
    );
    if (match === null) throw new Syntax();
    this.#pos += match[0].length;
    return Number(match[0]);
  }

  #string(): string {
    this.#pos++;
    let out = "";
    for (;;) {
      const ch = this.#text[this.#pos];
      if (ch === undefined || ch.charCodeAt(0) < 0x20) throw new Syntax();
      this.#pos++;
      if (ch === '"') return out;
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      out += this.#escape();
    }
  }

  #escape(): string {
    const ch = this.#text[this.#pos];
    this.#pos++;
    const simple: Record<string, string> = {
      '"': '"',
      "\\": "\\",
      "/": "/",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "\t",
    };
    if (ch !== undefined && simple[ch] !== undefined) return simple[ch];
    if (ch !== "u") throw new Syntax();
    const unit = this.#hex4();
    if (unit >= 0xd800 && unit < 0xdc00) {
      // A high surrogate must be followed by an escaped low one, else Go writes U+FFFD.
      if (this.#text.startsWith("\\u", this.#pos)) {
        const save = this.#pos;
        this.#pos += 2;
        const low = this.#hex4();
        if (low >= 0xdc00 && low < 0xe000) return String.fromCharCode(unit, low);
        this.#pos = save;
      }
      return "\uFFFD";
    }
    if (unit >= 0xdc00 && unit < 0xe000) return "\uFFFD";
    return String.fromCharCode(unit);
  }

  #hex4(): number {
    const hex = this.#text.slice(this.#pos, this.#pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Syntax();
    this.#pos += 4;
    return Number.parseInt(hex, 16);
  }
}
