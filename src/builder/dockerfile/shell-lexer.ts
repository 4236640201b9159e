import { ExpansionError } from "./expansion-error.ts";
import { isGoDigit, isGoLetter, isGoSpace } from "./go-text.ts";
import { checkLimit, DEFAULT_DOCKERFILE_LIMITS } from "./limits.ts";
import {
  replaceShellPattern,
  ShellPatternError,
  trimShellPrefix,
  trimShellSuffix,
} from "./shell-pattern.ts";

/**
 * Which `${…}` forms exist. `classic` is Docker 20.10's builder: `${V}`, `${V:-w}`, `${V:+w}`,
 * `${V:?w}`, `${V?w}`. `buildkit` (the default, Dockerfile frontend 1.x) adds `${V-w}`, `${V+w}`,
 * `${V#p}`, `${V##p}`, `${V%p}`, `${V%%p}`, `${V/p/r}`, `${V//p/r}`. Errors keep the classic wording.
 */
export type ExpansionDialect = "classic" | "buildkit";

/** Looks a variable up; undefined when it is not set (an empty value is set). */
export type EnvLookup = (name: string) => string | undefined;

/** Options of the shell lexer. */
export interface ShellLexOptions {
  /** The Dockerfile's escape character, `\` or `` ` ``. */
  readonly escapeToken: string;
  readonly dialect?: ExpansionDialect;
  /** Keep quote characters in the output (heredoc delimiter detection). */
  readonly rawQuotes?: boolean;
  /** Keep escape characters in the output (heredoc detection, `#`/`%`/`/` patterns). */
  readonly rawEscapes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to nothing. */
  readonly skipUnsetEnv?: boolean;
  /** Keep `<<` and the blanks after it inside the next word (heredoc detection). */
  readonly heredocWords?: boolean;
  /** Quotes are ordinary characters (BuildKit's expansion of heredoc bodies). */
  readonly skipProcessQuotes?: boolean;
  readonly depthMax?: number;
  readonly outputLengthMax?: number;
}

/** The word as one string (`ProcessWord`) and split into words (`ProcessWords`). */
export interface ShellLexResult {
  readonly value: string;
  readonly words: readonly string[];
}

class LexFailure extends Error {}

const MISSING_SLASH = "syntax error: missing '/' in $" + "{}";

/** Word splitting as Docker's lexer does it: blanks split, unless quoted or escaped. */
class Words {
  readonly words: string[] = [];
  #word = "";
  #inWord = false;

  addChar(ch: string): void {
    if (isGoSpace(ch)) {
      if (this.#inWord && this.#word.length !== 0) {
        this.words.push(this.#word);
        this.#word = "";
        this.#inWord = false;
      }
    } else {
      this.addRaw(ch);
    }
  }

  addString(text: string): void {
    for (const ch of text) this.addChar(ch);
  }

  addRaw(text: string): void {
    this.#word += text;
    this.#inWord = true;
  }

  finish(): string[] {
    if (this.#word.length > 0) this.words.push(this.#word);
    this.#word = "";
    this.#inWord = false;
    return this.words;
  }
}

/**
 * Expands one Dockerfile word the way Docker's `shell.Lex` does: `$V`, `${V}` and the modifiers of
 * the dialect, single quotes literal, double quotes expanding, the escape character escaping.
 * Returns both the expanded string and its split into words. Throws `ExpansionError`.
 */
export function shellLex(word: string, env: EnvLookup, options: ShellLexOptions): ShellLexResult {
  const lexer = new ShellWord(word, env, options);
  try {
    const { value, words } = lexer.processStopOn(undefined, options.rawEscapes ?? false);
    return { value, words: words.finish() };
  } catch (error) {
    if (error instanceof LexFailure) throw new ExpansionError(word, error.message);
    throw error;
  }
}

class ShellWord {
  readonly #chars: string[];
  readonly #env: EnvLookup;
  readonly #options: ShellLexOptions;
  readonly #escape: string;
  readonly #buildkit: boolean;
  readonly #depthMax: number;
  readonly #outputMax: number;
  #pos = 0;
  #depth = 0;

  constructor(word: string, env: EnvLookup, options: ShellLexOptions) {
    this.#chars = Array.from(word);
    this.#env = env;
    this.#options = options;
    this.#escape = options.escapeToken;
    this.#buildkit = (options.dialect ?? "buildkit") === "buildkit";
    this.#depthMax = options.depthMax ?? DEFAULT_DOCKERFILE_LIMITS.expansionDepthMax;
    this.#outputMax = options.outputLengthMax ?? DEFAULT_DOCKERFILE_LIMITS.expansionOutputLengthMax;
  }

  #peek(): string | undefined {
    return this.#chars[this.#pos];
  }

  #next(): string | undefined {
    const ch = this.#chars[this.#pos];
    if (ch !== undefined) this.#pos++;
    return ch;
  }

  #special(ch: string): (() => string) | undefined {
    if (ch === "$") return () => this.#dollar();
    if (this.#options.skipProcessQuotes !== true) {
      if (ch === "'") return () => this.#singleQuote();
      if (ch === '"') return () => this.#doubleQuote();
    }
    if (ch === "<" && this.#options.heredocWords === true) return () => this.#possibleHeredoc();
    return undefined;
  }

  processStopOn(stop: string | undefined, rawEscapes: boolean): { value: string; words: Words } {
    let value = "";
    const words = new Words();
    for (let ch = this.#peek(); ch !== undefined; ch = this.#peek()) {
      if (stop !== undefined && ch === stop) {
        this.#next();
        return { value, words };
      }
      const special = this.#special(ch);
      if (special !== undefined) {
        const text = special();
        value += text;
        if (ch === "$") words.addString(text);
        else words.addRaw(text);
      } else {
        let read = this.#next() ?? "";
        if (read === this.#escape) {
          if (rawEscapes) {
            words.addRaw(read);
            value += read;
          }
          const escaped = this.#next();
          if (escaped === undefined) break;
          read = escaped;
          words.addRaw(read);
        } else {
          words.addChar(read);
        }
        value += read;
      }
      checkLimit("expansionOutputLengthMax", { actual: value.length, limit: this.#outputMax });
    }
    if (stop !== undefined) {
      throw new LexFailure(`unexpected end of statement while looking for matching ${stop}`);
    }
    return { value, words };
  }

  /** Consumes the opening quote; returns it when quotes are kept. */
  #openQuote(): string {
    const quote = this.#next() ?? "";
    return this.#options.rawQuotes === true ? quote : "";
  }

  #singleQuote(): string {
    const raw = this.#options.rawQuotes === true;
    let out = this.#openQuote();
    for (;;) {
      const ch = this.#next();
      if (ch === undefined) {
        throw new LexFailure("unexpected end of statement while looking for matching single-quote");
      }
      if (ch === "'") return raw ? `${out}'` : out;
      out += ch;
    }
  }

  #doubleQuote(): string {
    const raw = this.#options.rawQuotes === true;
    let out = this.#openQuote();
    for (;;) {
      const peek = this.#peek();
      if (peek === undefined) {
        throw new LexFailure("unexpected end of statement while looking for matching double-quote");
      }
      if (peek === '"') {
        this.#next();
        return raw ? `${out}"` : out;
      }
      if (peek === "$") {
        out += this.#dollar();
        continue;
      }
      let ch = this.#next() ?? "";
      if (ch === this.#escape) {
        if (this.#options.rawEscapes === true) out += ch;
        const after = this.#peek();
        if (after === undefined) continue;
        if (after === '"' || after === "$" || after === this.#escape) ch = this.#next() ?? "";
      }
      out += ch;
    }
  }

  #possibleHeredoc(): string {
    this.#next();
    if (this.#peek() !== "<") return "<";
    this.#next();
    let out = "<<";
    for (let ch = this.#peek(); ch === " " || ch === "\t" || ch === "\r"; ch = this.#peek()) {
      out += ch;
      this.#next();
    }
    return out;
  }

  #name(): string {
    let name = "";
    for (let ch = this.#peek(); ch !== undefined; ch = this.#peek()) {
      if (name === "" && isGoDigit(ch)) {
        while (this.#peek() !== undefined && isGoDigit(this.#peek() ?? "")) name += this.#next();
        return name;
      }
      if (name === "" && "@*#?-$!0".includes(ch)) return this.#next() ?? "";
      if (!isGoLetter(ch) && !isGoDigit(ch) && ch !== "_") break;
      name += this.#next();
    }
    return name;
  }

  #dollar(): string {
    this.#next();
    if (this.#peek() !== "{") {
      const name = this.#name();
      if (name === "") return "$";
      const value = this.#env(name);
      if (value === undefined && this.#options.skipUnsetEnv === true) return `$${name}`;
      return value ?? "";
    }
    this.#next();
    const first = this.#peek();
    if (first === undefined) throw new LexFailure("syntax error: missing '}'");
    if (first === "{" || first === "}" || first === ":") {
      throw new LexFailure("syntax error: bad substitution");
    }
    this.#depth++;
    checkLimit("expansionDepthMax", { actual: this.#depth, limit: this.#depthMax });
    try {
      return this.#braced(this.#name());
    } finally {
      this.#depth--;
    }
  }

  #braced(name: string): string {
    const ch = this.#next();
    if (ch === "}") {
      const value = this.#env(name);
      if (value === undefined && this.#options.skipUnsetEnv === true) return `\${${name}}`;
      return value ?? "";
    }
    if (ch === ":") return this.#colonModifier(name, this.#next());
    if (ch === "?" || (this.#buildkit && (ch === "-" || ch === "+"))) {
      return this.#defaulting(name, ch, false);
    }
    if (this.#buildkit && (ch === "#" || ch === "%")) return this.#trim(name, ch);
    if (this.#buildkit && ch === "/") return this.#replace(name);
    throw new LexFailure("missing ':' in substitution");
  }

  /** The word of `${V<op>word}` up to the closing brace, with Docker's error for a missing one. */
  #wordUntil(stop: string, rawEscapes: boolean, missing = "syntax error: missing '}'"): string {
    try {
      return this.processStopOn(stop, rawEscapes).value;
    } catch (error) {
      if (error instanceof LexFailure && this.#peek() === undefined) throw new LexFailure(missing);
      throw error;
    }
  }

  #colonModifier(name: string, modifier: string | undefined): string {
    if (modifier === "-" || modifier === "+" || modifier === "?") {
      return this.#defaulting(name, modifier, true);
    }
    // The classic builder reads the word before it rejects the modifier, so a missing brace wins.
    this.#wordUntil("}", false);
    throw new LexFailure(`unsupported modifier (${modifier ?? "\uFFFD"}) in substitution`);
  }

  #defaulting(name: string, op: string, colon: boolean): string {
    const word = this.#wordUntil("}", false);
    const value = this.#env(name);
    if (value === undefined && this.#options.skipUnsetEnv === true) {
      return `\${${name}${colon ? ":" : ""}${op}${word}}`;
    }
    const unset = value === undefined || (colon && value === "");
    if (op === "-") return unset ? word : (value ?? "");
    if (op === "+") return unset ? "" : word;
    if (value === undefined) {
      throw new LexFailure(`${name}: ${word === "" ? "is not allowed to be unset" : word}`);
    }
    if (colon && value === "") {
      throw new LexFailure(`${name}: ${word === "" ? "is not allowed to be empty" : word}`);
    }
    return value;
  }

  #trim(name: string, op: string): string {
    let word = this.#wordUntil("}", true);
    const value = this.#env(name);
    if (value === undefined && this.#options.skipUnsetEnv === true)
      return `\${${name}${op}${word}}`;
    const greedy = word.startsWith(op);
    if (greedy) word = word.slice(1);
    try {
      return op === "%"
        ? trimShellSuffix(value ?? "", { pattern: word, greedy })
        : trimShellPrefix(value ?? "", { pattern: word, greedy });
    } catch (error) {
      if (error instanceof ShellPatternError) {
        throw new LexFailure(`invalid pattern (${word}) in substitution: ${error.message}`);
      }
      throw error;
    }
  }

  #replace(name: string): string {
    const all = this.#peek() === "/";
    if (all) this.#next();
    const pattern = this.#wordUntil("/", true, MISSING_SLASH);
    const replacement = this.#wordUntil("}", true);
    const value = this.#env(name);
    if (value === undefined && this.#options.skipUnsetEnv === true) {
      return `\${${name}/${pattern}/${replacement}}`;
    }
    try {
      return replaceShellPattern(value ?? "", { pattern, replacement, all });
    } catch (error) {
      if (error instanceof ShellPatternError) {
        throw new LexFailure(`invalid pattern (${pattern}) in substitution: ${error.message}`);
      }
      throw error;
    }
  }
}
