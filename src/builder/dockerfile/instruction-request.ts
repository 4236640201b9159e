import type { AstNode, DockerfileDialect } from "./ast.ts";
import { FlagError, type ParsedFlags, parseBuildFlags } from "./build-flags.ts";
import { goTrimSpace } from "./go-text.ts";
import type { InstructionBase, InstructionKeyword } from "./instruction.ts";
import { buildkitOnlyFlags, flagSpecsFor } from "./instruction-flags.ts";

/** An instruction-level error; `parseInstruction` adds the line (`dockerfile parse error line N`). */
export class InstructionFailure extends Error {}

/** One node being turned into an instruction: its arguments and lazily checked flags. */
export class InstructionRequest {
  readonly node: AstNode;
  /** Lower-case keyword. */
  readonly keyword: string;
  readonly dialect: DockerfileDialect;
  #flags: ParsedFlags | undefined;

  constructor(node: AstNode, dialect: DockerfileDialect) {
    this.node = node;
    this.keyword = node.keyword.toLowerCase();
    this.dialect = dialect;
  }

  get args(): readonly string[] {
    return this.node.args;
  }

  /**
   * Checks the flags (Docker's `req.flags.Parse()`). Each instruction calls this at the point
   * where Docker does, because the order of checks decides which error a user sees.
   */
  flags(): ParsedFlags {
    if (this.#flags !== undefined) return this.#flags;
    try {
      this.#flags = parseBuildFlags(this.node.flags, flagSpecsFor(this.keyword, this.dialect));
    } catch (error) {
      if (error instanceof FlagError) throw new InstructionFailure(error.message);
      throw error;
    }
    return this.#flags;
  }

  /** A string flag's value when it was given. */
  flag(name: string): string | undefined {
    return this.flags().values.get(name);
  }

  /** A boolean flag: true when given as `--name` or `--name=true`. */
  boolFlag(name: string): boolean {
    return this.flags().values.get(name) === "true";
  }

  /** The fields every instruction has. */
  base<K extends InstructionKeyword>(keyword: K): InstructionBase<K> {
    const features =
      this.#flags === undefined ? [] : buildkitOnlyFlags(this.keyword, this.#flags.used);
    if (this.node.heredocs.length > 0) features.unshift("heredoc");
    return {
      keyword,
      original: goTrimSpace(this.node.original),
      args: this.node.args,
      flags: this.node.flags,
      json: this.node.json,
      heredocs: this.node.heredocs,
      startLine: this.node.startLine,
      endLine: this.node.endLine,
      comments: this.node.comments,
      buildkitFeatures: features,
    };
  }
}

/** Docker's `errAtLeastOneArgument`. */
export function atLeastOneArgument(keyword: string): InstructionFailure {
  return new InstructionFailure(`${keyword} requires at least one argument`);
}

/** Docker's `errExactlyOneArgument`. */
export function exactlyOneArgument(keyword: string): InstructionFailure {
  return new InstructionFailure(`${keyword} requires exactly one argument`);
}

/** Docker's `errBlankCommandNames`. */
export function blankNames(keyword: string): InstructionFailure {
  return new InstructionFailure(`${keyword} names can not be blank`);
}
