import { goQuote } from "../../go/quote.ts";
import { parseGoJsonArray } from "./go-json-array.ts";
import {
  goTrimLeftSpace,
  isGoSpace,
  splitDockerWhitespace,
  splitFirstDockerWhitespace,
} from "./go-text.ts";

/** The arguments of one instruction, split the way its keyword wants (Docker's line parsers). */
export interface LineArgs {
  readonly args: readonly string[];
  /** Exec (JSON array) form. */
  readonly json: boolean;
  /** ENV/LABEL written `KEY value` rather than `KEY=value`. */
  readonly legacyKeyValue?: boolean;
}

/** A syntax error found by a line parser; the message is Docker's. */
export class LineSyntaxError extends Error {}

const NOT_STRINGS = "when using JSON array syntax, arrays must be comprised of strings only";
const EMPTY: LineArgs = { args: [], json: false };

/**
 * Splits `rest` into words with quotes and escapes kept (Docker's `parseWords`): only blanks
 * outside quotes separate words; the escape character keeps the next character in the word; an
 * escape at the very end is dropped.
 */
export function parseWords(rest: string, escapeToken: string): string[] {
  const chars = Array.from(rest);
  const words: string[] = [];
  let phase: "spaces" | "word" | "quote" = "spaces";
  let word = "";
  let quote = "";
  let blankOk = false;
  for (let pos = 0; pos <= chars.length; pos++) {
    const atEnd = pos === chars.length;
    let ch = chars[pos] ?? "";
    if (phase === "spaces") {
      if (atEnd) break;
      if (isGoSpace(ch)) continue;
      phase = "word";
    }
    if (atEnd) {
      if (blankOk || word.length > 0) words.push(word);
      break;
    }
    if (phase === "word") {
      if (isGoSpace(ch)) {
        phase = "spaces";
        if (blankOk || word.length > 0) words.push(word);
        word = "";
        blankOk = false;
        continue;
      }
      if (ch === "'" || ch === '"') {
        quote = ch;
        blankOk = true;
        phase = "quote";
      }
      if (ch === escapeToken) {
        if (pos + 1 === chars.length) continue;
        word += ch;
        pos++;
        ch = chars[pos] ?? "";
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = "word";
    if (ch === escapeToken && quote !== "'") {
      if (pos + 1 === chars.length) {
        phase = "word";
        continue;
      }
      pos++;
      word += ch;
      ch = chars[pos] ?? "";
    }
    word += ch;
  }
  return words;
}

/** ENV and LABEL: `k=v k2=v2` or the legacy `k v…` (Docker's `parseNameVal`). */
function parseNameVal(rest: string, keyword: string, escapeToken: string): LineArgs {
  const words = parseWords(rest, escapeToken);
  const first = words[0];
  if (first === undefined) return EMPTY;
  if (!first.includes("=")) {
    const parts = splitFirstDockerWhitespace(rest);
    if (parts.length < 2) throw new LineSyntaxError(`${keyword} must have two arguments`);
    return { args: [parts[0], parts[1] ?? ""], json: false, legacyKeyValue: true };
  }
  const args: string[] = [];
  for (const word of words) {
    const eq = word.indexOf("=");
    if (eq < 0) {
      throw new LineSyntaxError(
        `Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`,
      );
    }
    args.push(word.slice(0, eq), word.slice(eq + 1));
  }
  return { args, json: false };
}

function whitespaceDelimited(rest: string): LineArgs {
  if (rest === "") return EMPTY;
  return { args: splitDockerWhitespace(rest), json: false };
}

/** Exec form when `rest` reads as a JSON array of strings (Go decoder semantics), else undefined. */
function tryJson(rest: string): LineArgs | undefined {
  const result = parseGoJsonArray(goTrimLeftSpace(rest));
  if (result.kind === "not-strings") throw new LineSyntaxError(NOT_STRINGS);
  if (result.kind === "invalid") return undefined;
  return { args: result.values, json: true };
}

function maybeJson(rest: string): LineArgs {
  if (rest === "") return EMPTY;
  return tryJson(rest) ?? { args: [rest], json: false };
}

function maybeJsonToList(rest: string): LineArgs {
  return tryJson(rest) ?? whitespaceDelimited(rest);
}

/** HEALTHCHECK: a type word (`CMD`, `NONE`) then a command in either form. */
function healthConfig(rest: string): LineArgs {
  // Go scans bytes here; scanning characters differs only for a non-ASCII type word, which
  // is rejected as an unknown type either way.
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest[sep] ?? "")) sep++;
  let next = sep;
  while (next < rest.length && isGoSpace(rest[next] ?? "")) next++;
  if (sep === 0) return EMPTY;
  const command = maybeJson(rest.slice(next));
  return { args: [rest.slice(0, sep), ...command.args], json: command.json };
}

/**
 * Splits the arguments of every instruction except ONBUILD (whose argument is an instruction).
 * Unknown keywords keep no arguments; the instruction parser rejects them later.
 */
export function parseLineArgs(
  keyword: string,
  { rest, escapeToken }: { readonly rest: string; readonly escapeToken: string },
): LineArgs {
  switch (keyword) {
    case "add":
    case "copy":
    case "volume":
      return maybeJsonToList(rest);
    case "arg":
      return { args: parseWords(rest, escapeToken), json: false };
    case "cmd":
    case "entrypoint":
    case "run":
    case "shell":
      return maybeJson(rest);
    case "env":
      return parseNameVal(rest, "ENV", escapeToken);
    case "label":
      return parseNameVal(rest, "LABEL", escapeToken);
    case "expose":
    case "from":
      return whitespaceDelimited(rest);
    case "healthcheck":
      return healthConfig(rest);
    case "maintainer":
    case "stopsignal":
    case "user":
    case "workdir":
      return rest === "" ? EMPTY : { args: [rest], json: false };
    default:
      return EMPTY;
  }
}
