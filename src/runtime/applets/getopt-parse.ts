/** A long option as `getopt -l` declares it: `name`, `name:` (argument), `name::` (optional). */
export interface LongOption {
  readonly name: string;
  readonly argument: "none" | "required" | "optional";
}

/** What `getopt` asked for: short options (glibc syntax), long ones, `-a`. */
export interface GetoptSpec {
  readonly shortOptions: string;
  readonly longOptions: readonly LongOption[];
  /** `-a`: long options may start with a single dash (getopt_long_only). */
  readonly alternative: boolean;
}

/** One parsed item: an option with its argument, or an operand. */
export type GetoptItem =
  | { readonly kind: "option"; readonly name: string; readonly argument?: string }
  | { readonly kind: "operand"; readonly value: string };

/** Items in output order, operands to put after `--`, and glibc's messages. */
export interface GetoptParse {
  readonly items: GetoptItem[];
  readonly operands: string[];
  readonly errors: string[];
  /** A leading `:` in the option string: the errors count but are not printed. */
  readonly silent: boolean;
}

/**
 * glibc's `getopt_long` (or `getopt_long_only` with `-a`) over `params`, as util-linux's and
 * busybox's getopt drive it: permuting unless the option string starts with `+` (stop at the
 * first operand) or `-` (operands in place); a leading `:` (after those) silences errors.
 * An abbreviated long option takes the first one it is a prefix of.
 */
export function parseGetopt(spec: GetoptSpec, params: readonly string[]): GetoptParse {
  let shorts = spec.shortOptions;
  const order = shorts.startsWith("+")
    ? "require"
    : shorts.startsWith("-")
      ? "in-place"
      : "permute";
  if (order !== "permute") shorts = shorts.slice(1);
  const silent = shorts.startsWith(":");
  const out: GetoptParse = { items: [], operands: [], errors: [], silent };
  const error = (message: string) => out.errors.push(message);
  for (let index = 0; index < params.length; index++) {
    const arg = params[index]!;
    if (arg === "--") {
      out.operands.push(...params.slice(index + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      if (order === "require") {
        out.operands.push(...params.slice(index));
        break;
      }
      if (order === "in-place") out.items.push({ kind: "operand", value: arg });
      else out.operands.push(arg);
      continue;
    }
    const next = () => params[++index];
    if (arg.startsWith("--")) {
      longOption(arg.slice(2), "--", spec, next, out, error);
      continue;
    }
    const body = arg.slice(1);
    // getopt_long_only: a long option first, unless it is one letter that is a short option;
    // failing a long one, short options if the first letter is one.
    const single = body.length === 1 && shorts.includes(body);
    if (
      spec.alternative &&
      !single &&
      (findLong(body, spec) !== undefined || !shorts.includes(body[0]!))
    ) {
      longOption(body, "-", spec, next, out, error);
      continue;
    }
    shortCluster(body, shorts, next, out, error);
  }
  return out;
}

function findLong(body: string, spec: GetoptSpec): LongOption | undefined {
  const name = body.split("=", 1)[0]!;
  if (name === "") return undefined;
  return (
    spec.longOptions.find((option) => option.name === name) ??
    spec.longOptions.find((option) => option.name.startsWith(name))
  );
}

function longOption(
  body: string,
  dashes: string,
  spec: GetoptSpec,
  next: () => string | undefined,
  out: GetoptParse,
  error: (message: string) => void,
): void {
  const option = findLong(body, spec);
  if (option === undefined) {
    error(`unrecognized option '${dashes}${body}'`);
    return;
  }
  const equals = body.indexOf("=");
  const inline = equals < 0 ? undefined : body.slice(equals + 1);
  const name = `--${option.name}`;
  if (option.argument === "none") {
    if (inline !== undefined) error(`option '${dashes}${option.name}' doesn't allow an argument`);
    else out.items.push({ kind: "option", name });
    return;
  }
  if (option.argument === "optional" || inline !== undefined) {
    out.items.push({ kind: "option", name, argument: inline ?? "" });
    return;
  }
  const value = next();
  if (value === undefined) error(`option '${dashes}${option.name}' requires an argument`);
  else out.items.push({ kind: "option", name, argument: value });
}

/** `-abc`, `-bVALUE`, `-b VALUE`; `x:` takes an argument, `x::` only an attached one. */
function shortCluster(
  body: string,
  shorts: string,
  next: () => string | undefined,
  out: GetoptParse,
  error: (message: string) => void,
): void {
  for (let i = 0; i < body.length; i++) {
    const letter = body[i]!;
    const at = letter === ":" ? -1 : shorts.indexOf(letter);
    if (at < 0) {
      error(`invalid option -- '${letter}'`);
      continue;
    }
    const colons = shorts.slice(at + 1).match(/^:{0,2}/)![0].length;
    if (colons === 0) {
      out.items.push({ kind: "option", name: `-${letter}` });
      continue;
    }
    const attached = body.slice(i + 1);
    const value = attached !== "" || colons === 2 ? attached : next();
    if (value === undefined) error(`option requires an argument -- '${letter}'`);
    else out.items.push({ kind: "option", name: `-${letter}`, argument: value });
    return;
  }
}
