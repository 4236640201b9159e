import { parse, type StatementNode } from "just-bash";

/** The first statement of a script whose output must stream (see `streamOutput`). */
export const STREAM_MARKER = "/usr/bin/__drydock_stream";

const SINK = ">>/proc/self/fd/1 2>>/proc/self/fd/2";
const STDERR_SINK = "2>>/proc/self/fd/2";
const LOOPS: ReadonlySet<string> = new Set(["For", "CStyleFor", "While", "Until"]);
const COMPOUNDS: ReadonlySet<string> = new Set([
  "If",
  "For",
  "CStyleFor",
  "While",
  "Until",
  "Case",
  "Group",
  "Subshell",
]);

type Node = { type?: unknown; [key: string]: unknown };

/**
 * Makes a top-level script's output reach the process's stdout and stderr statement by
 * statement, at the simulated instant each statement ends, instead of all at once when the
 * script ends (just-bash has no streaming output).
 *
 * Each statement in a streaming position gets `>>/proc/self/fd/1` on the last command of each of
 * its pipelines and `2>>/proc/self/fd/2` on every command, placed before the command's own
 * redirections so those still win (`cmd >log 2>&1` goes to the log), and the statement sits in
 * a `{ …; } 2>>/proc/self/fd/2` group: just-bash turns a failed redirection of a bare command
 * into an exception that ends the script, a group into a message and status 1, as ash does
 * (the group's stdout stays empty, so nothing binary crosses it). A statement with a
 * compound command inside a pipeline, a `time` or a `&` is wrapped whole as `{ stmt; }
 * >>/proc/self/fd/1 2>>/proc/self/fd/2` instead: just-bash 3.4.2 writes a redirected group's
 * binary output as UTF-8 text, so groups are the fallback, not the rule.
 *
 * Streaming positions are the script's statements and, recursively, the bodies of loops, `if`,
 * `case`, groups and subshells that stand alone in such a position with no redirection of their
 * own, so a `while true; do echo tick; sleep 1; done` streams each tick.
 * Command substitutions, pipelines and functions are left alone (their output is captured).
 *
 * (A persistent `exec >>…` would be simpler, but just-bash then writes a pipeline's first
 * command straight to the file instead of into the pipe.) After a statement like `exec >log`
 * at one level, the rest of that level is left alone, so the script's own redirection wins.
 */
export function streamOutput(statements: StatementNode[], inLoop = false): StatementNode[] {
  const out: StatementNode[] = [];
  let takenOver = false;
  for (const statement of statements) {
    const node = statement as unknown as Node;
    if (takenOver || isFunctionDefinition(node) || (inLoop && isQuiet(node))) {
      out.push(statement);
    } else if (isExecRedirection(node)) {
      out.push(statement);
      takenOver = true;
    } else {
      const compound = plainCompound(node);
      if (compound === undefined) {
        const redirected = redirectEach(statement);
        out.push(redirected === undefined ? wrap(statement) : wrap(redirected, STDERR_SINK));
      } else {
        streamBodies(compound, inLoop || LOOPS.has(compound.type as string));
        out.push(statement);
      }
    }
  }
  return out;
}

function streamBodies(compound: Node, inLoop: boolean): void {
  const lists = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    value.splice(0, value.length, ...streamOutput(value as StatementNode[], inLoop));
  };
  lists(compound.body);
  lists(compound.condition);
  lists(compound.elseBody);
  for (const clause of (compound.clauses as Node[] | undefined) ?? []) {
    lists(clause.condition);
    lists(clause.body);
  }
  for (const item of (compound.items as Node[] | undefined) ?? []) lists(item.body);
}

/** The compound command a statement consists of, when it has no pipe, `&&` or redirection. */
function plainCompound(statement: Node): Node | undefined {
  const pipelines = statement.pipelines as Node[] | undefined;
  if (statement.background === true || pipelines?.length !== 1) return undefined;
  const pipeline = pipelines[0]!;
  const commands = pipeline.commands as Node[];
  if (commands.length !== 1 || pipeline.negated === true) return undefined;
  const command = commands[0]!;
  if (!COMPOUNDS.has(command.type as string)) return undefined;
  return (command.redirections as unknown[] | undefined)?.length ? undefined : command;
}

/** `exec >file`, `exec 2>&1`: the script points its own output somewhere. */
function isExecRedirection(statement: Node): boolean {
  const command = singleCommand(statement);
  if (command?.type !== "SimpleCommand") return false;
  const name = command.name as Node | null;
  const parts = (name?.parts as Node[] | undefined) ?? [];
  const isExec = parts.length === 1 && parts[0]!.value === "exec";
  return (
    isExec &&
    (command.args as unknown[]).length === 0 &&
    (command.redirections as unknown[]).length > 0
  );
}

/**
 * Builtins that write nothing but errors (and `set -x` traces): inside loops, which run them a
 * lot, they are not worth two redirections each; their rare messages go out with the next
 * streamed output.
 */
const QUIET_BUILTINS: ReadonlySet<string> = new Set([
  ":",
  "true",
  "false",
  "[",
  "test",
  "cd",
  "export",
  "shift",
  "set",
  "unset",
  "break",
  "continue",
  "return",
  "local",
  "readonly",
]);

/** An assignment or a quiet builtin, alone in its statement; its rare errors go out later. */
function isQuiet(statement: Node): boolean {
  const command = singleCommand(statement);
  if (command?.type !== "SimpleCommand" || (command.redirections as unknown[]).length > 0)
    return false;
  const name = command.name as Node | null;
  if (name === null) return true;
  const parts = (name.parts as Node[] | undefined) ?? [];
  const part = parts[0];
  // `[` parses as a one-character glob.
  const text =
    part?.type === "Literal" ? part.value : part?.type === "Glob" ? part.pattern : undefined;
  return parts.length === 1 && QUIET_BUILTINS.has(text as string);
}

function isFunctionDefinition(statement: Node): boolean {
  return singleCommand(statement)?.type === "FunctionDef";
}

function singleCommand(statement: Node): Node | undefined {
  const pipelines = statement.pipelines as Node[] | undefined;
  if (pipelines?.length !== 1) return undefined;
  const commands = pipelines[0]!.commands as Node[];
  return commands.length === 1 ? commands[0] : undefined;
}

/** The sink's two redirections, parsed once. */
let sinkTemplate: { stdout: Node; stderr: Node } | undefined;

/** The sink's two redirections as fresh nodes (the AST is mutated in place, so never shared). */
function sinkRedirections(): { stdout: Node; stderr: Node } {
  if (sinkTemplate === undefined) {
    const command = singleCommand(parse(`: ${SINK}`).statements[0] as unknown as Node)!;
    const [stdout, stderr] = command.redirections as Node[];
    sinkTemplate = { stdout: stdout!, stderr: stderr! };
  }
  return structuredClone(sinkTemplate);
}

/** Adds the sink to every simple command of the statement, or undefined when it cannot. */
function redirectEach(statement: StatementNode): StatementNode | undefined {
  const node = statement as unknown as Node;
  const pipelines = node.pipelines as Node[] | undefined;
  if (node.background === true || pipelines === undefined) return undefined;
  for (const pipeline of pipelines) {
    if (pipeline.timed === true) return undefined;
    const commands = pipeline.commands as Node[];
    if (commands.some((command) => command.type !== "SimpleCommand")) return undefined;
  }
  for (const pipeline of pipelines) {
    const commands = pipeline.commands as Node[];
    const pipeStderr = (pipeline.pipeStderr as boolean[] | undefined) ?? [];
    commands.forEach((command, index) => {
      const sink = sinkRedirections();
      const own = command.redirections as Node[];
      // `a |& b` sends a's stderr into the pipe; only the pipeline's end writes stdout out.
      const added = [
        ...(index === commands.length - 1 ? [sink.stdout] : []),
        ...(pipeStderr[index] === true ? [] : [sink.stderr]),
      ];
      command.redirections = [...added, ...own];
    });
  }
  return statement;
}

function wrap(statement: StatementNode, sink: string = SINK): StatementNode {
  const wrapper = parse(`{ :; } ${sink}`).statements[0]!;
  const group = (wrapper as unknown as { pipelines: { commands: Node[] }[] }).pipelines[0]!
    .commands[0]!;
  group.body = [statement];
  return wrapper;
}
