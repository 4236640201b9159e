import { ExpansionError } from "./expansion-error.ts";
import { shellLex } from "./shell-lexer.ts";

/**
 * A heredoc attached to an instruction (BuildKit syntax; Docker 20.10's classic builder has none):
 * `RUN <<EOF`, `COPY <<-"a.txt" /dst`.
 */
export interface Heredoc {
  /** The delimiter word with quotes removed: the terminator line, and COPY's file name. */
  readonly name: string;
  /** The file descriptor written before `<<` (`3<<EOF`), 0 when none. */
  readonly fileDescriptor: number;
  /** False when any part of the delimiter was quoted: the body is then taken literally. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from body lines and from the terminator. */
  readonly chomp: boolean;
  /** The body exactly as written, each line with its line ending, the terminator excluded. */
  readonly content: string;
  /** The body as the instruction uses it: `content` with leading tabs removed when `chomp`. */
  readonly data: string;
}

/** A heredoc delimiter found on an instruction line, before its body is read. */
export type HeredocStart = Omit<Heredoc, "content" | "data">;

const HEREDOC_WORD = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/s;
const noEnv = (): undefined => undefined;

function quoteCount(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === "'" || ch === '"') count++;
  return count;
}

/**
 * Reads one word as a heredoc delimiter (BuildKit's `ParseHeredoc`): `<<EOF`, `<<-EOF`, `<<"EOF"`,
 * `<<'E'OF`, `3<<EOF`. Returns undefined for anything else, such as `<<` alone or `a<<b`.
 */
export function parseHeredocWord(word: string): HeredocStart | undefined {
  const match = HEREDOC_WORD.exec(word);
  if (match === null) return undefined;
  const rest = match[3] ?? "";
  if (rest === "") return undefined;
  // Lex the delimiter with and without quote removal: if they differ, part of it was quoted.
  const options = { escapeToken: "\\", skipUnsetEnv: true } as const;
  let plain: readonly string[];
  let raw: readonly string[];
  try {
    plain = shellLex(rest, noEnv, options).words;
    raw = shellLex(rest, noEnv, { ...options, rawQuotes: true }).words;
  } catch (error) {
    if (error instanceof ExpansionError) return undefined;
    throw error;
  }
  if (plain.length !== 1 || raw.length !== 1) return undefined;
  const name = plain[0] ?? "";
  return {
    name,
    fileDescriptor: match[1] === "" ? 0 : Number.parseInt(match[1] ?? "0", 10),
    expand: quoteCount(name) === quoteCount(raw[0] ?? ""),
    chomp: match[2] === "-",
  };
}

/**
 * The heredoc delimiters on an instruction line, in order (BuildKit's `heredocsFromLine`): the
 * line is split into shell words keeping quotes and escapes, and each word is tried.
 */
export function heredocsInLine(line: string): HeredocStart[] {
  let words: readonly string[];
  try {
    words = shellLex(line, noEnv, {
      escapeToken: "\\",
      rawQuotes: true,
      rawEscapes: true,
      skipUnsetEnv: true,
      heredocWords: true,
    }).words;
  } catch (error) {
    // BuildKit ignores lexing errors here: an unbalanced quote means no heredocs.
    if (error instanceof ExpansionError) return [];
    throw error;
  }
  const out: HeredocStart[] = [];
  for (const word of words) {
    const heredoc = parseHeredocWord(word);
    if (heredoc !== undefined) out.push(heredoc);
  }
  return out;
}

/** Removes leading tabs from every line, as `<<-` does. */
export function chompHeredoc(content: string): string {
  return content.replace(/^\t+/gm, "");
}
