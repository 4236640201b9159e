/** Kinds of lexical items, as Go's text/template/parse lexer names them (without `item`). */
export type ItemType =
  | "error"
  | "eof"
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "identifier"
  | "field"
  | "variable"
  | "string"
  | "rawString"
  | "char"
  | "number"
  | "bool"
  | "nil"
  | "dot"
  | "pipe"
  | "leftParen"
  | "rightParen"
  | "declare"
  | "assign"
  | "comma"
  | "keyword";

/** One lexical item: its kind, text, UTF-16 offset in the template and 1-based line. */
export interface Item {
  readonly type: ItemType;
  readonly value: string;
  readonly pos: number;
  readonly line: number;
}

const KEYWORDS: ReadonlySet<string> = new Set([
  "block",
  "break",
  "continue",
  "define",
  "else",
  "end",
  "if",
  "range",
  "template",
  "with",
]);

/** Templates longer than this are refused: a format string is a line, not a document. */
export const TEMPLATE_LENGTH_MAX = 65_536;

/**
 * Splits a template into items the way Go's text/template lexer does (delimiters `{{` `}}`,
 * trim markers `{{- ` and ` -}}`, comments, quoted and raw strings, numbers, fields, variables).
 * An error item ends the list, carrying Go's message (`unclosed action`, `unterminated quoted
 * string`, …).
 */
export function lexTemplate(input: string): Item[] {
  return new Lexer(input).run();
}

class Lexer {
  readonly #input: string;
  readonly #items: Item[] = [];
  #pos = 0;
  #start = 0;
  #line = 1;
  #startLine = 1;
  #parenDepth = 0;

  constructor(input: string) {
    this.#input = input;
  }

  run(): Item[] {
    while (this.#lexText()) {
      if (!this.#lexAction()) break;
    }
    return this.#items;
  }

  #emit(type: ItemType, value = this.#input.slice(this.#start, this.#pos)): void {
    this.#items.push({ type, value, pos: this.#start, line: this.#startLine });
    this.#start = this.#pos;
    this.#startLine = this.#line;
  }

  #error(message: string): false {
    this.#items.push({ type: "error", value: message, pos: this.#start, line: this.#startLine });
    return false;
  }

  #advanceTo(pos: number): void {
    for (let at = this.#pos; at < pos; at++) if (this.#input[at] === "\n") this.#line++;
    this.#pos = pos;
  }

  #skip(): void {
    this.#start = this.#pos;
    this.#startLine = this.#line;
  }

  /** Text up to the next `{{`; returns false at the end of the input. */
  #lexText(): boolean {
    const next = this.#input.indexOf("{{", this.#pos);
    if (next < 0) {
      this.#advanceTo(this.#input.length);
      if (this.#pos > this.#start) this.#emit("text");
      this.#emit("eof", "");
      return false;
    }
    const trim = this.#input.startsWith("{{- ", next) || this.#input.startsWith("{{-\t", next);
    let textEnd = next;
    if (trim) while (textEnd > this.#start && isSpace(this.#input[textEnd - 1]!)) textEnd--;
    this.#advanceTo(textEnd);
    if (textEnd > this.#start) this.#emit("text");
    this.#advanceTo(next);
    this.#skip();
    return true;
  }

  /** From `{{` to `}}`; returns false after an error. */
  #lexAction(): boolean {
    const trimLeft =
      this.#input.startsWith("{{- ", this.#pos) || this.#input.startsWith("{{-\t", this.#pos);
    this.#advanceTo(this.#pos + (trimLeft ? 4 : 2));
    const comment = this.#input.startsWith("/*", this.#pos);
    if (comment) return this.#lexComment(trimLeft);
    this.#start = this.#pos - (trimLeft ? 4 : 2);
    this.#emit("leftDelim", "{{");
    this.#parenDepth = 0;
    for (;;) {
      const step = this.#lexInsideAction();
      if (step === "error") return false;
      if (step === "done") return true;
    }
  }

  #lexComment(_trimLeft: boolean): boolean {
    const end = this.#input.indexOf("*/", this.#pos + 2);
    if (end < 0) return this.#error("unclosed comment");
    this.#advanceTo(end + 2);
    const trimRight = this.#input.startsWith(" -}}", this.#pos);
    if (!trimRight && !this.#input.startsWith("}}", this.#pos)) {
      return this.#error("comment ends before closing delimiter");
    }
    this.#advanceTo(this.#pos + (trimRight ? 4 : 2));
    this.#skip();
    if (trimRight) this.#trimFollowingSpace();
    return true;
  }

  #trimFollowingSpace(): void {
    let at = this.#pos;
    while (at < this.#input.length && isSpace(this.#input[at]!)) at++;
    this.#advanceTo(at);
    this.#skip();
  }

  #lexInsideAction(): "more" | "done" | "error" {
    const input = this.#input;
    const trimRight = input.startsWith(" -}}", this.#pos) || input.startsWith("\t-}}", this.#pos);
    if (trimRight || input.startsWith("}}", this.#pos)) {
      if (this.#parenDepth > 0) return this.#error("unclosed left paren") ? "more" : "error";
      if (trimRight) {
        this.#advanceTo(this.#pos + 1);
        this.#skip();
      }
      this.#advanceTo(this.#pos + (trimRight ? 3 : 2));
      this.#emit("rightDelim", "}}");
      if (trimRight) this.#trimFollowingSpace();
      return "done";
    }
    const char = input[this.#pos];
    if (char === undefined) return this.#error("unclosed action") ? "more" : "error";
    return this.#lexToken(char) ? "more" : "error";
  }

  #lexToken(char: string): boolean {
    const input = this.#input;
    if (isSpace(char)) {
      let at = this.#pos;
      while (at < input.length && isSpace(input[at]!)) at++;
      this.#advanceTo(at);
      this.#emit("space");
      return true;
    }
    if (char === "=") return this.#single("assign");
    if (char === ":") {
      if (input[this.#pos + 1] !== "=") return this.#error("expected :=");
      this.#advanceTo(this.#pos + 2);
      this.#emit("declare");
      return true;
    }
    if (char === "|") return this.#single("pipe");
    if (char === ",") return this.#single("comma");
    if (char === '"') return this.#lexQuote();
    if (char === "`") return this.#lexRawQuote();
    if (char === "'") return this.#lexChar();
    if (char === "$") return this.#lexVariable();
    if (char === "(") {
      this.#parenDepth++;
      return this.#single("leftParen");
    }
    if (char === ")") {
      this.#parenDepth--;
      if (this.#parenDepth < 0) return this.#error("unexpected right paren");
      return this.#single("rightParen");
    }
    if (char === ".") {
      const next = input[this.#pos + 1];
      if (next === undefined || !/[0-9]/.test(next)) return this.#lexField();
    }
    if (/[0-9+-]/.test(char) || char === ".") return this.#lexNumber();
    if (isAlphaNumeric(char)) return this.#lexIdentifier();
    return this.#error(`unrecognized character in action: ${goRuneLiteral(char)}`);
  }

  #single(type: ItemType): boolean {
    this.#advanceTo(this.#pos + 1);
    this.#emit(type);
    return true;
  }

  #lexQuote(): boolean {
    let at = this.#pos + 1;
    for (;;) {
      const char = this.#input[at];
      if (char === "\\") at += 2;
      else if (char === undefined || char === "\n")
        return this.#error("unterminated quoted string");
      else if (char === '"') break;
      else at++;
    }
    this.#advanceTo(at + 1);
    this.#emit("string");
    return true;
  }

  #lexRawQuote(): boolean {
    const end = this.#input.indexOf("`", this.#pos + 1);
    if (end < 0) return this.#error("unterminated raw quoted string");
    this.#advanceTo(end + 1);
    this.#emit("rawString");
    return true;
  }

  #lexChar(): boolean {
    let at = this.#pos + 1;
    for (;;) {
      const char = this.#input[at];
      if (char === "\\") at += 2;
      else if (char === undefined || char === "\n")
        return this.#error("unterminated character constant");
      else if (char === "'") break;
      else at++;
    }
    this.#advanceTo(at + 1);
    this.#emit("char");
    return true;
  }

  #lexVariable(): boolean {
    let at = this.#pos + 1;
    while (at < this.#input.length && isAlphaNumeric(this.#input[at]!)) at++;
    this.#advanceTo(at);
    this.#emit("variable");
    return this.#lexFieldChainAfterOperand();
  }

  #lexField(): boolean {
    let at = this.#pos + 1;
    while (at < this.#input.length && isAlphaNumeric(this.#input[at]!)) at++;
    this.#advanceTo(at);
    if (at === this.#start + 1) {
      this.#emit("dot");
      return true;
    }
    if (!this.#checkTerminator()) return false;
    this.#emit("field");
    return true;
  }

  /** A variable or identifier may be followed directly by `.Field`: lexed as separate items. */
  #lexFieldChainAfterOperand(): boolean {
    return this.#checkTerminator();
  }

  #checkTerminator(): boolean {
    const char = this.#input[this.#pos];
    if (char === undefined) return true;
    if (isSpace(char) || ".|,():".includes(char)) return true;
    if (this.#input.startsWith("}}", this.#pos)) return true;
    return this.#error(`bad character ${goRuneLiteral(char)}`);
  }

  #lexIdentifier(): boolean {
    let at = this.#pos;
    while (at < this.#input.length && isAlphaNumeric(this.#input[at]!)) at++;
    this.#advanceTo(at);
    const word = this.#input.slice(this.#start, this.#pos);
    if (!this.#checkTerminator()) return false;
    if (KEYWORDS.has(word)) this.#emit("keyword");
    else if (word === "true" || word === "false") this.#emit("bool");
    else if (word === "nil") this.#emit("nil");
    else this.#emit("identifier");
    return true;
  }

  #lexNumber(): boolean {
    const match =
      /^[+-]?(0[xX][0-9a-fA-F_]*\.?[0-9a-fA-F_]*(?:[pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+|[0-9_]*\.?[0-9_]*(?:[eE][+-]?[0-9_]+)?)(i?)/.exec(
        this.#input.slice(this.#pos),
      );
    const text = match?.[0] ?? "";
    const following = this.#input[this.#pos + text.length];
    if (
      text === "" ||
      text === "+" ||
      text === "-" ||
      (following !== undefined && isAlphaNumeric(following))
    ) {
      this.#advanceTo(
        this.#pos +
          Math.max(text.length, 1) +
          (following !== undefined && isAlphaNumeric(following) ? 1 : 0),
      );
      return this.#error(`bad number syntax: "${this.#input.slice(this.#start, this.#pos)}"`);
    }
    this.#advanceTo(this.#pos + text.length);
    this.#emit("number");
    return true;
  }
}

function isSpace(char: string): boolean {
  return char === " " || char === "\t" || char === "\r" || char === "\n";
}

function isAlphaNumeric(char: string): boolean {
  return char === "_" || /^[\p{L}\p{Nd}]$/u.test(char);
}

/** Go's `%#U` of a rune: `U+0021 '!'`. */
function goRuneLiteral(char: string): string {
  const code = char.codePointAt(0)!;
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")} '${char}'`;
}
