/** Nesting beyond this is refused before Go's own limit (10000) could matter. */
const DEPTH_MAX = 1000;

class Stop {
  constructor(readonly message: string) {}
}

/**
 * Scans the first JSON value of `text` as Go's `json.Decoder.Decode` does: where it ends (a
 * Decoder leaves trailing bytes alone), or the message Go gives: `EOF` for an empty body,
 * `unexpected EOF` for a cut one, `invalid character 'b' looking for beginning of object key
 * string` for a wrong byte. dockerd sends these messages back verbatim.
 */
export function scanGoJsonValue(text: string): { error: string } | { end: number } {
  const scanner = new GoScanner(text);
  scanner.space();
  if (scanner.at >= text.length) return { error: "EOF" };
  try {
    scanner.value(0, "looking for beginning of value");
    return { end: scanner.at };
  } catch (error) {
    if (error instanceof Stop) return { error: error.message };
    throw error;
  }
}

class GoScanner {
  at = 0;
  constructor(readonly text: string) {}

  space(): void {
    while (this.at < this.text.length && " \t\r\n".includes(this.text[this.at]!)) this.at++;
  }

  fail(context: string): never {
    if (this.at >= this.text.length) throw new Stop("unexpected EOF");
    throw new Stop(`invalid character ${quoteChar(this.text[this.at]!)} ${context}`);
  }

  value(depth: number, context: string): void {
    if (depth > DEPTH_MAX) throw new Stop("exceeded max depth");
    this.space();
    const c = this.text[this.at];
    if (c === "{") {
      this.object(depth);
      return;
    }
    if (c === "[") {
      this.array(depth);
      return;
    }
    if (c === '"') {
      this.string();
      return;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      this.number();
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (c === literal[0]) {
        this.literal(literal);
        return;
      }
    }
    this.fail(context);
  }

  object(depth: number): void {
    this.at++;
    this.space();
    if (this.text[this.at] === "}") {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      if (this.text[this.at] !== '"') this.fail("looking for beginning of object key string");
      this.string();
      this.space();
      if (this.text[this.at] !== ":") this.fail("after object key");
      this.at++;
      this.value(depth + 1, "looking for beginning of value");
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === "}") return;
      if (c !== ",") {
        this.at--;
        this.fail("after object key:value pair");
      }
    }
  }

  array(depth: number): void {
    this.at++;
    this.space();
    if (this.text[this.at] === "]") {
      this.at++;
      return;
    }
    for (;;) {
      this.value(depth + 1, "looking for beginning of value");
      this.space();
      const c = this.text[this.at];
      this.at++;
      if (c === "]") return;
      if (c !== ",") {
        this.at--;
        this.fail("after array element");
      }
    }
  }

  string(): void {
    this.at++;
    for (;;) {
      const c = this.text[this.at];
      if (c === undefined) this.fail("in string literal");
      if (c === '"') {
        this.at++;
        return;
      }
      if (c < " ") this.fail("in string literal");
      if (c === "\\") {
        this.at++;
        const escaped = this.text[this.at];
        if (escaped === "u") {
          for (let index = 1; index <= 4; index++) {
            this.at++;
            if (!/[0-9a-fA-F]/.test(this.text[this.at] ?? "")) {
              this.fail("in \\u hexadecimal character escape");
            }
          }
        } else if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) {
          this.fail("in string escape code");
        }
      }
      this.at++;
    }
  }

  number(): void {
    if (this.text[this.at] === "-") this.at++;
    if (!/[0-9]/.test(this.text[this.at] ?? "")) this.fail("in numeric literal");
    if (this.text[this.at] === "0") this.at++;
    else while (/[0-9]/.test(this.text[this.at] ?? "")) this.at++;
    if (this.text[this.at] === ".") {
      this.at++;
      if (!/[0-9]/.test(this.text[this.at] ?? ""))
        this.fail("after decimal point in numeric literal");
      while (/[0-9]/.test(this.text[this.at] ?? "")) this.at++;
    }
    if (this.text[this.at] === "e" || this.text[this.at] === "E") {
      this.at++;
      if (this.text[this.at] === "+" || this.text[this.at] === "-") this.at++;
      if (!/[0-9]/.test(this.text[this.at] ?? "")) this.fail("in exponent of numeric literal");
      while (/[0-9]/.test(this.text[this.at] ?? "")) this.at++;
    }
  }

  literal(word: string): void {
    for (let index = 0; index < word.length; index++, this.at++) {
      if (this.text[this.at] !== word[index]) {
        this.fail(`in literal ${word} (expecting ${quoteChar(word[index]!)})`);
      }
    }
  }
}

/** Go's `quoteChar`: `'b'`, `'\''`, `'"'`, or `'\x01'` for control characters. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
  if (named[c] !== undefined) return `'${named[c]}'`;
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `'\\x${code.toString(16).padStart(2, "0")}'`;
  return `'${c}'`;
}
