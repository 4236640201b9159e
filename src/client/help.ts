import type { ArgsRule, CommandSpec, FlagSpec } from "./command-spec.ts";

/** Width the docker CLI wraps flag descriptions to off a terminal: 80 columns minus one. */
const HELP_COLUMNS = 79;

/** The `Usage:` line of a command as invoked: `docker container ls [OPTIONS]`. */
export function useLine(spec: CommandSpec, path: readonly string[]): string {
  const head = `docker ${path.join(" ")} ${spec.useArgs}`.trimEnd();
  return [head, ...(spec.useMore ?? []).map((more) => `\tdocker ${path.join(" ")} ${more}`)].join(
    "\n",
  );
}

/** `docker ps --help`: usage, description, aliases and the options table, as cobra prints it. */
export function commandHelp(spec: CommandSpec, path: readonly string[]): string {
  let out = `Usage:  ${useLine(spec, path)}\n\n${spec.long ?? spec.short}\n`;
  if (spec.aliases !== undefined) out += `\nAliases:\n  ${spec.aliases}\n`;
  const flags = spec.flags.filter((flag) => flag.hidden !== true);
  if (flags.length > 0) out += `\nOptions:\n${flagUsages(flags, HELP_COLUMNS)}`;
  return out;
}

/** pflag's `FlagUsagesWrapped`: one line per flag, descriptions aligned and wrapped. */
export function flagUsages(flags: readonly FlagSpec[], columns: number): string {
  const lines = flags.map((flag) => {
    let line =
      flag.short === undefined ? `      --${flag.name}` : `  -${flag.short}, --${flag.name}`;
    const valueName = flag.valueName ?? defaultValueName(flag);
    if (valueName !== "") line += ` ${valueName}`;
    return { head: line, usage: flag.usage + defaultText(flag) };
  });
  const width = Math.max(...lines.map((line) => line.head.length + 1));
  return lines
    .map(
      ({ head, usage }) =>
        `${head} ${" ".repeat(width - head.length)} ${wrap(width + 2, columns, usage)}\n`,
    )
    .join("");
}

function defaultValueName(flag: FlagSpec): string {
  switch (flag.type) {
    case "bool":
      return "";
    case "list":
      return "list";
    default:
      return flag.type;
  }
}

function defaultText(flag: FlagSpec): string {
  const value = flag.defaultValue;
  if (value === undefined || value === false || value === 0 || value === "") return "";
  return typeof value === "string" ? ` (default ${JSON.stringify(value)})` : ` (default ${value})`;
}

/** pflag's `wrap`: the first line is already indented by the caller. */
function wrap(indent: number, columns: number, text: string): string {
  let width = columns - indent;
  let prefix = "";
  if (width < 24) {
    indent = 16;
    width = columns - indent;
    prefix = `\n${" ".repeat(indent)}`;
  }
  const pad = `\n${" ".repeat(indent)}`;
  if (width < 24) return prefix + text.replaceAll("\n", pad);
  const slop = 5;
  width -= slop;
  let [line, rest] = wrapN(width, slop, text);
  let out = prefix + line.replaceAll("\n", pad);
  while (rest !== "") {
    [line, rest] = wrapN(width, slop, rest);
    out += pad + line.replaceAll("\n", pad);
  }
  return out;
}

function wrapN(width: number, slop: number, text: string): [string, string] {
  if (width + slop > text.length) return [text, ""];
  const head = text.slice(0, width);
  const space = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\t"), head.lastIndexOf("\n"));
  if (space <= 0) return [text, ""];
  const newline = head.lastIndexOf("\n");
  if (newline > 0 && newline < space) return [text.slice(0, newline), text.slice(newline + 1)];
  return [text.slice(0, space), text.slice(space + 1)];
}

/** A flag error as the docker CLI reports it (exit 125). */
export function flagErrorText(spec: CommandSpec, path: readonly string[], message: string): string {
  const command = `docker ${path.join(" ")}`;
  return `${message}\n\nUsage:  ${useLine(spec, path)}\n\nRun '${command} --help' for more information\n`;
}

/** Checks the positional argument count; returns docker's message when it is wrong. */
export function checkArgs(
  spec: CommandSpec,
  path: readonly string[],
  count: number,
): string | undefined {
  const problem = argsProblem(spec.args, count);
  if (problem === undefined) return undefined;
  const command = `docker ${path.join(" ")}`;
  // The CLI (28.2) really prints "SRun" for commands that take at most N arguments.
  const hint = problem.verb === "See" ? "See" : problem.verb === "SRun" ? "SRun" : "Run";
  return `docker: '${command}' ${problem.text}\n\nUsage:  ${useLine(spec, path)}\n\n${hint} '${command} --help' for more information\n`;
}

function plural(count: number): string {
  return count === 1 ? "argument" : "arguments";
}

function argsProblem(rule: ArgsRule, count: number): { text: string; verb: string } | undefined {
  switch (rule.kind) {
    case "any":
      return undefined;
    case "none":
      return count === 0 ? undefined : { text: "accepts no arguments", verb: "Run" };
    case "exact":
      return count === rule.count
        ? undefined
        : { text: `requires ${rule.count} ${plural(rule.count)}`, verb: "Run" };
    case "min":
      return count >= rule.count
        ? undefined
        : { text: `requires at least ${rule.count} ${plural(rule.count)}`, verb: "See" };
    case "max":
      return count <= rule.count
        ? undefined
        : { text: `requires at most ${rule.count} ${plural(rule.count)}`, verb: "SRun" };
    case "range":
      return count >= rule.min && count <= rule.max
        ? undefined
        : {
            text: `requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}`,
            verb: "Run",
          };
  }
}
