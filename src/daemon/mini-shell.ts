import { joinBytes, utf8Bytes } from "../archive/byte-strings.ts";
import type { BuiltinProgram, ProgramContext } from "./builtin-programs.ts";

interface Command {
  readonly words: string[];
  /** `> file`, `>> file`, `>&2`. */
  readonly redirect?: { readonly kind: "file" | "append" | "stderr"; readonly path: string };
}

/** A command's text and the operator that joins it to the next: `;`, `&&` or `||`. */
interface Segment {
  readonly text: string;
  readonly next: string;
}

const SCRIPT_LENGTH_MAX = 64 * 1024;

/**
 * A very small `sh -c`: commands joined by `;`, `&&` and `||`; words with single and double
 * quotes; `$VAR`, `${VAR}` and `$?`; redirections `> file`, `>> file` and `>&2`; the builtins
 * `exit` and `:`, and the runtime's other programs. Enough for the daemon's tests, not a shell.
 */
export async function runMiniShell(context: ProgramContext, script: string): Promise<number> {
  if (script.length > SCRIPT_LENGTH_MAX) return 2;
  const env = new Map(context.env.map((entry) => splitEnv(entry)));
  let status = 0;
  let skip = false;
  for (const segment of splitScript(script)) {
    if (!skip) {
      const command = parseCommand(segment.text, env, status);
      const exit = /^exit$/.test(command.words[0] ?? "")
        ? Number(command.words[1] ?? status)
        : undefined;
      if (exit !== undefined) return Number.isInteger(exit) ? exit & 0xff : 2;
      status = await runCommand(context, command);
    }
    skip = (segment.next === "&&" && status !== 0) || (segment.next === "||" && status === 0);
  }
  return status;
}

async function runCommand(context: ProgramContext, command: Command): Promise<number> {
  const [name, ...args] = command.words;
  if (name === undefined || name === ":") return 0;
  const program: BuiltinProgram | undefined = context.programs.get(
    name.slice(name.lastIndexOf("/") + 1),
  );
  if (program === undefined) {
    await context.write("stderr", utf8Bytes(`sh: ${name}: not found\n`));
    return 127;
  }
  const redirect = command.redirect;
  const chunks: Uint8Array[] = [];
  const child: ProgramContext = {
    ...context,
    argv: [name, ...args],
    write: async (stream, data) => {
      if (stream === "stdout" && redirect?.kind === "stderr") return context.write("stderr", data);
      if (stream === "stdout" && redirect !== undefined) chunks.push(data);
      else await context.write(stream, data);
    },
  };
  const status = await program(child);
  if (redirect !== undefined && redirect.kind !== "stderr") {
    const path = redirect.path.startsWith("/")
      ? redirect.path
      : `${context.workingDir || "/"}/${redirect.path}`;
    const data = joinBytes(chunks);
    try {
      context.rootfs.writeFile(path, data, {
        nowUs: context.nowUs(),
        append: redirect.kind === "append",
      });
    } catch {
      await context.write(
        "stderr",
        utf8Bytes(`sh: can't create ${redirect.path}: nonexistent directory\n`),
      );
      return 1;
    }
  }
  return status;
}

/** Splits a script at `;`, newlines, `&&` and `||` outside quotes. */
function splitScript(script: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < script.length; i++) {
    const char = script[i]!;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      continue;
    }
    if (char === "'" || char === '"') quote = char;
    else if (char === "\\") i++;
    else {
      const two = script.slice(i, i + 2);
      const operator =
        two === "&&" || two === "||" ? two : char === ";" || char === "\n" ? ";" : "";
      if (operator === "") continue;
      segments.push({ text: script.slice(start, i), next: operator });
      i += operator.length - 1;
      start = i + 1;
    }
  }
  segments.push({ text: script.slice(start), next: ";" });
  return segments;
}

/** Words and redirections of one command, with quotes removed and variables expanded. */
function parseCommand(text: string, env: Map<string, string>, status: number): Command {
  const words: string[] = [];
  let redirect: Command["redirect"];
  let pending: "file" | "append" | undefined;
  let word: string | undefined;
  const flush = (): void => {
    if (word === undefined) return;
    if (pending !== undefined) redirect = { kind: pending, path: word };
    else words.push(word);
    pending = undefined;
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (text.startsWith(">&2", i) || text.startsWith("1>&2", i)) {
      flush();
      redirect = { kind: "stderr", path: "" };
      i += text.startsWith(">&2", i) ? 2 : 3;
    } else if (char === ">") {
      flush();
      pending = text[i + 1] === ">" ? "append" : "file";
      if (pending === "append") i++;
    } else if (char === " " || char === "\t") flush();
    else if (char === "'" || char === '"') {
      const end = text.indexOf(char, i + 1);
      const inner = text.slice(i + 1, end < 0 ? text.length : end);
      word = (word ?? "") + (char === '"' ? expand(inner, env, status) : inner);
      i = end < 0 ? text.length : end;
    } else if (char === "$") {
      const match = /^\$(\?|\{\w+\}|\w+)/.exec(text.slice(i));
      word = (word ?? "") + (match === null ? "$" : expand(match[0], env, status));
      i += match === null ? 0 : match[0].length - 1;
    } else word = (word ?? "") + (char === "\\" ? (text[++i] ?? "") : char);
  }
  flush();
  return { words, redirect };
}

function expand(text: string, env: Map<string, string>, status: number): string {
  return text.replace(
    /\$(\?|\{(\w+)\}|(\w+))/g,
    (_, all: string, braced?: string, bare?: string) =>
      all === "?" ? String(status) : (env.get(braced ?? bare ?? "") ?? ""),
  );
}

function splitEnv(entry: string): [string, string] {
  const equals = entry.indexOf("=");
  return equals < 0 ? [entry, ""] : [entry.slice(0, equals), entry.slice(equals + 1)];
}
