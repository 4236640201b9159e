import type { ParserDirective } from "./directives.ts";
import type { Heredoc } from "./heredoc.ts";

/**
 * One instruction as the line parser sees it (Docker's `parser.Node`), before its arguments are
 * checked: the typed instruction is built from it by `parseInstruction`.
 */
export interface AstNode {
  /** The keyword as written (`run`, `Run`, `RUN`). */
  readonly keyword: string;
  /** Flags as written after quote removal: `--from=build`, `--link`. */
  readonly flags: readonly string[];
  /**
   * The arguments as the keyword's line parser split them (quotes kept where Docker keeps them
   * for the expansion step). ONBUILD: the trigger's keyword followed by the trigger's arguments.
   */
  readonly args: readonly string[];
  /** Exec (JSON array) form. */
  readonly json: boolean;
  /** ENV/LABEL written `KEY value` instead of `KEY=value`. */
  readonly legacyKeyValue: boolean;
  /** The logical line: continuations joined, comments inside it dropped, not trimmed. */
  readonly original: string;
  /** First and last physical line (1-based), heredoc bodies included. */
  readonly startLine: number;
  readonly endLine: number;
  readonly heredocs: readonly Heredoc[];
  /** The comment lines right above the instruction, without `#`. */
  readonly comments: readonly string[];
  /** ONBUILD's trigger instruction. */
  readonly child?: AstNode;
}

/** A Dockerfile split into instructions, the result of `parseDockerfileAst`. */
export interface DockerfileAst {
  readonly directives: readonly ParserDirective[];
  /** `\` or `` ` `` (the `escape` directive). */
  readonly escapeToken: string;
  readonly nodes: readonly AstNode[];
  /**
   * Warnings Docker prints before the first step (lines, without trailing newline), e.g. for an
   * empty continuation line.
   */
  readonly warnings: readonly string[];
}

/** Dialect of the Dockerfile front end; see `DockerfileParseOptions.dialect`. */
export type DockerfileDialect = "extended" | "classic";
