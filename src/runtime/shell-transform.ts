import {
  parse,
  type ScriptNode,
  type StatementNode,
  serialize,
  type TransformPlugin,
} from "just-bash";
import { STREAM_MARKER, streamOutput } from "./output-streaming.ts";
import { shellQuote } from "./paths.ts";

/** Where drydock's helper commands answer (hidden: never listed by `ls /usr/bin`). */
export const HELPER_DIR = "/usr/bin/";
/** The shell variable that stands for `$!` (just-bash has no real background jobs). */
export const LAST_BACKGROUND_PID_VAR = "__DRYDOCK_BG_PID";

/** Shell builtins just-bash lacks or cannot be overridden, routed to drydock's helpers. */
const ROUTED_BUILTINS: ReadonlySet<string> = new Set(["wait", "trap", "kill", "umask"]);
const LOOPS: ReadonlySet<string> = new Set(["While", "Until", "For", "CStyleFor"]);
/** Variables just-bash computes from the wall clock or Math.random; drydock's helpers replace them. */
const CLOCK_VARIABLES: Readonly<Record<string, string>> = {
  RANDOM: "__drydock_random",
  SECONDS: "__drydock_seconds",
};

type Node = { type?: unknown; [key: string]: unknown };

/**
 * Rewrites a script before just-bash runs it, to give it what a POSIX shell in a container has
 * and just-bash lacks (it applies to every script just-bash parses through `exec`, nested
 * `sh -c` included; not to `eval` or `source`):
 * - a script that starts with `/usr/bin/__drydock_stream` (a process's top level) streams its
 *   output statement by statement (see `streamOutput`);
 * - `cmd &` starts a background job (`__drydock_bg`) and `$!` names it; `wait`, `trap`, `kill`
 *   and `umask` go to drydock's implementations;
 * - every loop iteration starts with a `__drydock_tick`, which charges simulated CPU time (so a
 *   busy loop advances the clock and can be killed or paused) and runs pending signal traps, as
 *   a shell does between commands; it keeps `$?`; a script that sets a trap also checks for
 *   pending ones after each top-level statement (`__drydock_traps`);
 * - `$RANDOM` and `$SECONDS` come from the seeded Rng and the simulated clock.
 */
export function drydockShellPlugin(): TransformPlugin<Record<string, never>> {
  return {
    name: "drydock",
    transform: (context) => ({ ast: transformScript(context.ast) }),
  };
}

/** Applies the rewrite to a parsed script (exported for tests). */
export function transformScript(ast: ScriptNode): ScriptNode {
  const first = ast.statements[0];
  const stream =
    first !== undefined &&
    serialize({ type: "Script", statements: [first] }).trim() === STREAM_MARKER;
  const statements = stream ? streamOutput(ast.statements.slice(1)) : ast.statements;
  const script = { ...ast, statements };
  const setsTrap = usesTrap(script as unknown as Node);
  visit(script as unknown as Node);
  // A shell runs a pending trap as soon as the command it waited for ends; a script that sets
  // one checks after each of its statements (loops check at each iteration already).
  if (setsTrap)
    script.statements = script.statements.flatMap((statement) => [
      statement,
      helperStatement("__drydock_traps"),
    ]);
  return script;
}

/** Whether the script runs `trap` anywhere (before the rewrite routes it). */
function usesTrap(node: Node): boolean {
  if (node.type === "SimpleCommand" && literalWord(node.name) === "trap") return true;
  return Object.values(node).some((value) =>
    Array.isArray(value)
      ? value.some((item) => isNode(item) && usesTrap(item))
      : isNode(value) && usesTrap(value),
  );
}

function visit(node: Node): void {
  if (node.type === "Statement") rewriteBackground(node);
  if (node.type === "SimpleCommand") routeBuiltin(node);
  if (typeof node.type === "string" && LOOPS.has(node.type) && Array.isArray(node.body)) {
    node.body = [helperStatement("__drydock_tick"), ...(node.body as StatementNode[])];
  }
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const replaced = replacePart(item);
        if (replaced !== undefined) value[index] = replaced;
        else if (isNode(item)) visit(item);
      });
    } else if (isNode(value)) {
      const replaced = replacePart(value);
      if (replaced !== undefined) node[key] = replaced;
      else visit(value);
    }
  }
}

/** `cmd args &` → `__drydock_bg 'cmd args'`. */
function rewriteBackground(statement: Node): void {
  if (statement.background !== true) return;
  const job = { ...statement, background: false } as unknown as StatementNode;
  const text = serialize({ type: "Script", statements: [job] }).trim();
  const replacement = helperStatement("__drydock_bg", [text]) as unknown as Node;
  for (const key of Object.keys(statement)) delete statement[key];
  Object.assign(statement, replacement);
}

function routeBuiltin(command: Node): void {
  const name = literalWord(command.name);
  if (name === undefined || !ROUTED_BUILTINS.has(name)) return;
  command.name = wordOf(`${HELPER_DIR}__drydock_${name}`);
}

/** A word part or arithmetic node to put in place of `part`, or undefined to keep it. */
function replacePart(part: unknown): Node | undefined {
  if (!isNode(part)) return undefined;
  if (part.type === "ParameterExpansion" && part.operation === null) {
    if (part.parameter === "!") return { ...part, parameter: LAST_BACKGROUND_PID_VAR };
    const helper = CLOCK_VARIABLES[part.parameter as string];
    if (helper !== undefined) {
      return { type: "CommandSubstitution", body: parse(`${HELPER_DIR}${helper}`), legacy: false };
    }
  }
  if (part.type === "ArithVariable") {
    const helper = CLOCK_VARIABLES[part.name as string];
    if (helper !== undefined)
      return { type: "ArithCommandSubst", command: `${HELPER_DIR}${helper}` };
  }
  if (part.type === "ArithSpecialVar" && part.name === "!") {
    return { type: "ArithVariable", name: LAST_BACKGROUND_PID_VAR };
  }
  return undefined;
}

function helperStatement(helper: string, args: readonly string[] = []): StatementNode {
  const line = [`${HELPER_DIR}${helper}`, ...args.map(shellQuote)].join(" ");
  return parse(line).statements[0]!;
}

function wordOf(text: string): Node {
  return { type: "Word", parts: [{ type: "Literal", value: text }] };
}

function literalWord(word: unknown): string | undefined {
  if (!isNode(word) || word.type !== "Word" || !Array.isArray(word.parts)) return undefined;
  if (word.parts.length !== 1) return undefined;
  const part = word.parts[0] as Node;
  return part.type === "Literal" && typeof part.value === "string" ? part.value : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
