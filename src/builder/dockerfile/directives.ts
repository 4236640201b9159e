import { goTrimLeftSpace } from "./go-text.ts";

/** A parser directive at the top of a Dockerfile (`# escape=\``). */
export interface ParserDirective {
  /** Lower-case name: `escape`, `syntax` or `check`. */
  readonly name: string;
  /** The value, trimmed. */
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
}

/**
 * Which directives exist. Docker 20.10's classic builder knows `escape` and `syntax`; BuildKit
 * (Dockerfile frontend 1.8+) adds `check`. An unknown directive is an ordinary comment and ends
 * the directive block, so with the classic set `# check=…` hides an `# escape=` after it.
 */
export const CLASSIC_DIRECTIVES: readonly string[] = ["escape", "syntax"];
/** The BuildKit set, used unless the classic dialect is asked for. */
export const BUILDKIT_DIRECTIVES: readonly string[] = ["escape", "syntax", "check"];

// Go's `\s` is ASCII-only: [\t\n\f\r ].
const DIRECTIVE =
  /^#[\t\n\f\r ]*([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/s;

/**
 * Reads parser directives line by line as Docker does: only while every line so far was a
 * directive. The first line that is not one (an instruction, a blank line, an ordinary or unknown
 * comment) ends the block for good. A repeated directive is an error; an invalid escape value is
 * reported by the caller.
 */
export class DirectiveReader {
  readonly #known: readonly string[];
  readonly #seen = new Set<string>();
  #done = false;

  constructor(known: readonly string[]) {
    this.#known = known;
  }

  /** True once the directive block has ended. */
  get done(): boolean {
    return this.#done;
  }

  /**
   * Looks at one physical line (already without its line ending). Returns the directive it
   * holds, or undefined; throws a plain `Error` with Docker's message on a repeated directive.
   */
  read(text: string, line: number): ParserDirective | undefined {
    if (this.#done) return undefined;
    const match = DIRECTIVE.exec(goTrimLeftSpace(text));
    const name = match?.[1]?.toLowerCase();
    if (match === null || name === undefined || !this.#known.includes(name)) {
      this.#done = true;
      return undefined;
    }
    if (this.#seen.has(name)) throw new Error(`only one ${name} parser directive can be used`);
    this.#seen.add(name);
    return { name, value: match[2] ?? "", line };
  }
}

/** Docker's check of the `escape` directive's value; returns the message when it is invalid. */
export function invalidEscapeReason(value: string): string | undefined {
  if (value === "`" || value === "\\") return undefined;
  return `invalid escape token '${value}' does not match \` or \\`;
}
