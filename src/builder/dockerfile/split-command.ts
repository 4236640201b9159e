import { goTrimSpace, isGoSpace, splitFirstDockerWhitespace } from "./go-text.ts";

/** A logical line cut into its keyword, its `--flags` and the rest. */
export interface SplitCommand {
  /** The keyword as written (any case). */
  readonly keyword: string;
  /** Flags with quotes and backslashes removed, `--name=value` or `--name`. */
  readonly flags: readonly string[];
  /** Everything after the flags, trimmed. */
  readonly rest: string;
}

/** Splits a logical line the way Docker's `splitCommand` does. */
export function splitCommand(line: string): SplitCommand {
  const parts = splitFirstDockerWhitespace(goTrimSpace(line));
  if (parts.length === 1) return { keyword: parts[0], flags: [], rest: "" };
  const { rest, flags } = extractBuilderFlags(parts[1]);
  return { keyword: parts[0], flags, rest: goTrimSpace(rest) };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Docker's `extractBuilderFlags`: leading words that start with `--` are flags; a lone `--` ends
 * them. Inside a flag, quotes group and `\` escapes (always a backslash, whatever the escape
 * directive says: classic builder). Like Go's byte loop, a non-ASCII byte becomes the Latin-1
 * character of the same value in a flag (`--chown=é` reads as `Ã©`), while the rest of the line is
 * returned intact.
 */
export function extractBuilderFlags(line: string): { rest: string; flags: string[] } {
  const bytes = encoder.encode(line);
  const byteAt = (pos: number): string => String.fromCharCode(bytes[pos] ?? 0);
  const restFrom = (pos: number): string => decoder.decode(bytes.subarray(pos));
  const flags: string[] = [];
  let phase: "spaces" | "word" | "quote" = "spaces";
  let word = "";
  let quote = "";
  let blankOk = false;
  for (let pos = 0; pos <= bytes.length; pos++) {
    const atEnd = pos === bytes.length;
    let ch = atEnd ? "" : byteAt(pos);
    if (phase === "spaces") {
      if (atEnd) break;
      if (isGoSpace(ch)) continue;
      if (ch !== "-" || pos + 1 === bytes.length || byteAt(pos + 1) !== "-") {
        return { rest: restFrom(pos), flags };
      }
      phase = "word";
    }
    if (atEnd) {
      if (word !== "--" && (blankOk || word.length > 0)) flags.push(word);
      break;
    }
    if (phase === "word") {
      if (isGoSpace(ch)) {
        phase = "spaces";
        if (word === "--") return { rest: restFrom(pos), flags };
        if (blankOk || word.length > 0) flags.push(word);
        word = "";
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = "quote";
        continue;
      }
      if (ch === "\\") {
        if (pos + 1 === bytes.length) continue;
        pos++;
        ch = byteAt(pos);
      }
      word += ch;
      continue;
    }
    if (ch === quote) {
      phase = "word";
      continue;
    }
    if (ch === "\\") {
      if (pos + 1 === bytes.length) {
        phase = "word";
        continue;
      }
      pos++;
      ch = byteAt(pos);
    }
    word += ch;
  }
  return { rest: "", flags };
}
