import type { AstNode, DockerfileAst, DockerfileDialect } from "./ast.ts";
import {
  BUILDKIT_DIRECTIVES,
  CLASSIC_DIRECTIVES,
  DirectiveReader,
  invalidEscapeReason,
  type ParserDirective,
} from "./directives.ts";
import { DockerfileParseError } from "./dockerfile-parse-error.ts";
import { goTrimLeftSpace, goTrimSpace } from "./go-text.ts";
import { chompHeredoc, type Heredoc, heredocsInLine } from "./heredoc.ts";
import { checkLimit, DOCKERFILE_LINE_BYTES_MAX, type DockerfileLimits } from "./limits.ts";
import { LineSyntaxError, parseLineArgs } from "./line-parsers.ts";
import { type SourceLine, splitSourceLines, utf8Length } from "./source-lines.ts";
import { splitCommand } from "./split-command.ts";

/** Options of `parseDockerfileAst`. */
export interface AstParseOptions {
  readonly dialect: DockerfileDialect;
  readonly limits: DockerfileLimits;
  /** Name used in messages (`failed to parse <name>: …`). */
  readonly dockerfileName: string;
}

const HEREDOC_KEYWORDS = new Set(["add", "copy", "run"]);
const CONTINUATION_BACKSLASH = /([^\\])\\[ \t]*$|^\\[ \t]*$/;
const CONTINUATION_BACKTICK = /([^`])`[ \t]*$|^`[ \t]*$/;

function isComment(text: string): boolean {
  return goTrimLeftSpace(text).startsWith("#");
}

function isBlank(text: string): boolean {
  return goTrimLeftSpace(text) === "";
}

/**
 * The continuation rule of Docker's parser: the escape character, then only blanks and tabs, at
 * the end of a line, and not itself escaped (`a\\` does not continue); a line holding just the
 * escape character continues too. Returns the line without it, or undefined when it does not
 * continue.
 */
function stripContinuation(text: string, escapeToken: string): string | undefined {
  const match = (escapeToken === "`" ? CONTINUATION_BACKTICK : CONTINUATION_BACKSLASH).exec(text);
  if (match === null) return undefined;
  return text.slice(0, match.index) + (match[1] ?? "");
}

/** Reads the Dockerfile's physical lines one at a time; the state every helper shares. */
class Cursor {
  readonly lines: readonly SourceLine[];
  index = 0;
  escapeToken = "\\";

  constructor(lines: readonly SourceLine[]) {
    this.lines = lines;
  }

  next(): SourceLine | undefined {
    const line = this.lines[this.index];
    if (line !== undefined) this.index++;
    return line;
  }

  /** Number of the last line read (0 before any). */
  get lineNumber(): number {
    return this.index;
  }
}

/**
 * Splits a Dockerfile into instruction nodes as Docker's `parser.Parse` does: directives at the
 * top, continuations joined, comments and blank lines skipped, each logical line split by its
 * keyword's rules, heredoc bodies attached (unless the dialect is classic).
 */
export function parseDockerfileAst(text: string, options: AstParseOptions): DockerfileAst {
  if (text.length === 0) {
    const reason = `the Dockerfile (${options.dockerfileName}) cannot be empty`;
    throw new DockerfileParseError({ kind: "plain", reason, line: 0 });
  }
  const source = splitSourceLines(text, options.limits);
  const cursor = new Cursor(source.lines);
  const reader = new DirectiveReader(
    options.dialect === "classic" ? CLASSIC_DIRECTIVES : BUILDKIT_DIRECTIVES,
  );
  const directives: ParserDirective[] = [];
  const nodes: AstNode[] = [];
  const warnings: string[] = [];
  let comments: string[] = [];
  for (let line = cursor.next(); line !== undefined; line = cursor.next()) {
    const directive = readDirective(reader, line, options);
    if (directive !== undefined) {
      directives.push(directive);
      if (directive.name === "escape") cursor.escapeToken = directive.value;
    } else if (isComment(line.text)) {
      const comment = goTrimSpace(goTrimLeftSpace(line.text).slice(1));
      comments = comment === "" ? [] : [...comments, comment];
    }
    const first = goTrimLeftSpace(line.text);
    if (isComment(first)) continue;
    const node = readInstruction(cursor, first, { comments, warnings, options });
    if (node === undefined) continue;
    nodes.push(node);
    checkLimit("instructionCountMax", {
      actual: nodes.length,
      limit: options.limits.instructionCountMax,
    });
    comments = [];
  }
  if (nodes.length === 0)
    throw syntaxError("file with no instructions", cursor.lineNumber, options);
  if (source.tooLongAt !== undefined) {
    const reason = `dockerfile line greater than max allowed size of ${DOCKERFILE_LINE_BYTES_MAX}`;
    throw syntaxError(reason, source.tooLongAt, options);
  }
  const escapeToken = cursor.escapeToken;
  return { directives, escapeToken, nodes, warnings: finishWarnings(warnings) };
}

function syntaxError(reason: string, line: number, options: AstParseOptions): DockerfileParseError {
  return new DockerfileParseError({
    kind: "syntax",
    reason,
    line,
    dockerfileName: options.dockerfileName,
  });
}

function readDirective(
  reader: DirectiveReader,
  line: SourceLine,
  options: AstParseOptions,
): ParserDirective | undefined {
  let directive: ParserDirective | undefined;
  try {
    directive = reader.read(line.text, line.number);
  } catch (error) {
    throw syntaxError((error as Error).message, line.number, options);
  }
  if (directive?.name !== "escape") return directive;
  const invalid = invalidEscapeReason(directive.value);
  if (invalid !== undefined) throw syntaxError(invalid, line.number, options);
  return directive;
}

function finishWarnings(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  return [
    ...warnings,
    "[WARNING]: Empty continuation lines will become errors in a future release.",
  ];
}

interface InstructionContext {
  readonly comments: readonly string[];
  readonly warnings: string[];
  readonly options: AstParseOptions;
}

/** Joins one logical line starting at `first` and builds its node, heredocs included. */
function readInstruction(
  cursor: Cursor,
  first: string,
  context: InstructionContext,
): AstNode | undefined {
  const startLine = cursor.lineNumber;
  const continued = stripContinuation(first, cursor.escapeToken);
  if (continued === undefined && first === "") return undefined;
  let logical = continued ?? first;
  let open = continued !== undefined;
  let emptyContinuation = false;
  while (open) {
    const line = cursor.next();
    if (line === undefined) break;
    if (isComment(line.text)) continue;
    if (isBlank(line.text)) {
      emptyContinuation = true;
      continue;
    }
    const stripped = stripContinuation(line.text, cursor.escapeToken);
    open = stripped !== undefined;
    logical += stripped ?? line.text;
  }
  if (emptyContinuation) {
    context.warnings.push(`[WARNING]: Empty continuation line found in:\n    ${logical}`);
  }
  const lines = { startLine, endLine: cursor.lineNumber };
  const node = buildNode(logical, { escapeToken: cursor.escapeToken, lines, context });
  if (context.options.dialect === "classic" || !canContainHeredoc(node)) return node;
  if (!logical.includes("<<")) return node;
  const heredocs = readHeredocs(cursor, logical, { startLine, limits: context.options.limits });
  return attachHeredocs(node, heredocs, cursor.lineNumber);
}

function buildNode(
  line: string,
  {
    escapeToken,
    lines,
    context,
  }: {
    escapeToken: string;
    lines: { startLine: number; endLine: number };
    context: InstructionContext;
  },
): AstNode {
  try {
    return nodeFromLine(line, escapeToken, { ...lines, comments: context.comments });
  } catch (error) {
    if (!(error instanceof LineSyntaxError)) throw error;
    throw new DockerfileParseError({
      kind: "syntax",
      reason: error.message,
      line: lines.startLine,
      endLine: lines.endLine,
      dockerfileName: context.options.dockerfileName,
    });
  }
}

/** Docker's `newNodeFromLine`: keyword, flags, then the keyword's line parser. */
export function nodeFromLine(
  line: string,
  escapeToken: string,
  meta: { startLine: number; endLine: number; comments: readonly string[] },
): AstNode {
  const { keyword, flags, rest } = splitCommand(line);
  const lower = keyword.toLowerCase();
  const base = { keyword, flags, original: line, heredocs: [], ...meta };
  if (lower === "onbuild") {
    if (rest === "") return { ...base, args: [], json: false, legacyKeyValue: false };
    const child = nodeFromLine(rest, escapeToken, { ...meta, comments: [] });
    const args = [child.keyword, ...child.args];
    return { ...base, args, json: false, legacyKeyValue: false, child };
  }
  const parsed = parseLineArgs(lower, { rest, escapeToken });
  return {
    ...base,
    args: parsed.args,
    json: parsed.json,
    legacyKeyValue: parsed.legacyKeyValue ?? false,
  };
}

function canContainHeredoc(node: AstNode): boolean {
  const target = node.keyword.toLowerCase() === "onbuild" ? node.child : node;
  if (target === undefined) return false;
  return HEREDOC_KEYWORDS.has(target.keyword.toLowerCase()) && !target.json;
}

/** Reads the body of each heredoc named on the line, in order, from the lines that follow. */
function readHeredocs(
  cursor: Cursor,
  line: string,
  context: { startLine: number; limits: DockerfileLimits },
): Heredoc[] {
  const out: Heredoc[] = [];
  for (const start of heredocsInLine(line)) {
    let content = "";
    let terminated = false;
    for (let next = cursor.next(); next !== undefined; next = cursor.next()) {
      let candidate = next.text.replace(/[\r\n]+$/, "");
      if (start.chomp) candidate = candidate.replace(/^\t+/, "");
      if (candidate === start.name) {
        terminated = true;
        break;
      }
      content += next.text + next.ending;
      checkLimit("heredocSizeBytesMax", {
        actual: utf8Length(content),
        limit: context.limits.heredocSizeBytesMax,
      });
    }
    if (!terminated) {
      throw new DockerfileParseError({
        kind: "instruction",
        reason: "unterminated heredoc",
        line: context.startLine,
        endLine: cursor.lineNumber,
      });
    }
    out.push({ ...start, content, data: start.chomp ? chompHeredoc(content) : content });
  }
  return out;
}

function attachHeredocs(node: AstNode, heredocs: readonly Heredoc[], endLine: number): AstNode {
  if (node.child === undefined) return { ...node, heredocs, endLine };
  return { ...node, heredocs, endLine, child: { ...node.child, heredocs, endLine } };
}
