import type { DockerfileDialect } from "./ast.ts";
import { parseDockerfileAst } from "./ast-parser.ts";
import type { ParserDirective } from "./directives.ts";
import { DockerfileParseError } from "./dockerfile-parse-error.ts";
import type { Instruction, StageCommand } from "./instruction.ts";
import { DEFAULT_DOCKERFILE_LIMITS, type DockerfileLimits } from "./limits.ts";
import { parseInstruction } from "./parse-instruction.ts";
import { decodeDockerfile } from "./source-lines.ts";
import { groupStages, type StagedInstructions } from "./stages.ts";

/** Options of `parseDockerfile`. */
export interface DockerfileParseOptions {
  /**
   * `extended` (default): Docker 20.10's classic builder — its checks, its error words — plus
   * the BuildKit syntax it lacks: heredocs, the `check` directive, BuildKit-only flags.
   * `classic`: exactly Docker 20.10 (no heredocs, BuildKit flags unknown), for differential tests.
   */
  readonly dialect?: DockerfileDialect;
  readonly limits?: Partial<DockerfileLimits>;
  /** The Dockerfile's name in messages (`docker build -f`), default `Dockerfile`. */
  readonly dockerfileName?: string;
}

/** A parsed Dockerfile: what the build executor runs, without ever reading the text again. */
export interface Dockerfile extends StagedInstructions {
  readonly directives: readonly ParserDirective[];
  /** `\` or `` ` ``: the expansion step needs it too. */
  readonly escapeToken: string;
  /** Every instruction in file order. */
  readonly instructions: readonly Instruction[];
  /** Lines Docker prints to stderr before the first step (empty continuation lines). */
  readonly warnings: readonly string[];
}

/**
 * Parses a Dockerfile as Docker 20.10 does: first the whole text into instruction nodes (syntax
 * errors: `failed to parse Dockerfile: …`), then each node into a typed instruction (argument
 * errors: `dockerfile parse error line N: …`), then into stages. Throws `DockerfileParseError`,
 * or `LimitExceededError` past a limit.
 */
export function parseDockerfile(
  source: string | Uint8Array,
  options: DockerfileParseOptions = {},
): Dockerfile {
  const dialect = options.dialect ?? "extended";
  const ast = parseDockerfileAst(decodeDockerfile(source), {
    dialect,
    limits: { ...DEFAULT_DOCKERFILE_LIMITS, ...options.limits },
    dockerfileName: options.dockerfileName ?? "Dockerfile",
  });
  const instructions = ast.nodes.map((node) => parseInstruction(node, dialect));
  return {
    directives: ast.directives,
    escapeToken: ast.escapeToken,
    instructions,
    warnings: ast.warnings,
    ...groupStages(instructions),
  };
}

/**
 * Parses an ONBUILD trigger when a child build runs it, as Docker's `dispatchTriggeredOnBuild`
 * does: the text must hold exactly one instruction, which may not be FROM. Errors are Docker's
 * bare messages (`onbuild trigger should be a single expression`, `unknown instruction: FOO`).
 */
export function parseOnbuildTrigger(
  expression: string,
  options: Pick<DockerfileParseOptions, "dialect" | "limits"> = {},
): StageCommand {
  const dialect = options.dialect ?? "extended";
  const plain = (reason: string, line = 0): DockerfileParseError =>
    new DockerfileParseError({ kind: "plain", reason, line });
  let nodes: ReturnType<typeof parseDockerfileAst>["nodes"];
  try {
    nodes = parseDockerfileAst(expression, {
      dialect,
      limits: { ...DEFAULT_DOCKERFILE_LIMITS, ...options.limits },
      dockerfileName: "Dockerfile",
    }).nodes;
  } catch (error) {
    if (error instanceof DockerfileParseError) throw plain(error.reason, error.line);
    throw error;
  }
  const [node] = nodes;
  if (node === undefined || nodes.length !== 1)
    throw plain("onbuild trigger should be a single expression");
  let instruction: Instruction;
  try {
    instruction = parseInstruction(node, dialect);
  } catch (error) {
    if (error instanceof DockerfileParseError) throw plain(error.reason, error.line);
    throw error;
  }
  if (instruction.keyword === "FROM") throw plain("*instructions.Stage is not a command type");
  return instruction;
}
