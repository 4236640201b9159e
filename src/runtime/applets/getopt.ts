import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { withHelp } from "./bb-usage.ts";
import { type GetoptItem, type LongOption, parseGetopt } from "./getopt-parse.ts";

/** getopt's own long options and the short letters they stand for. */
const OWN_LONG: readonly (readonly [name: string, letter: string, value: boolean])[] = [
  ["options", "o", true],
  ["longoptions", "l", true],
  ["name", "n", true],
  ["quiet", "q", false],
  ["quiet-output", "Q", false],
  ["shell", "s", true],
  ["test", "T", false],
  ["unquoted", "u", false],
  ["alternative", "a", false],
];

/**
 * `getopt [OPTIONS] [--] OPTSTRING PARAMS`, busybox 1.35's (util-linux's interface): the
 * parameters normalised for `eval set --`, options first, `--`, then operands, quoted for sh
 * (or csh/tcsh with `-s`) unless `-u` or the old form (OPTSTRING first, no options). Errors are
 * glibc's, the exit is 1 after any; `-T` exits 4. POSIXLY_CORRECT and GETOPT_COMPATIBLE are
 * not looked at.
 */
export const getopt: Applet = withHelp((argv) => {
  const args = ownLongToShort(argv.slice(1));
  const parsed = bbGetopt("getopt", args, {
    flags: "onqQsTual",
    withValue: "onsl",
    permute: false,
  });
  if (isUsageFailure(parsed)) return Promise.resolve(parsed);
  const { flags, operands } = parsed;
  const last = (flag: string) => flags.get(flag)?.at(-1);
  if (flags.has("T")) return Promise.resolve(done("", "", 4));
  let stderr = "";
  const shell = last("s") ?? "bash";
  if (!["sh", "bash", "csh", "tcsh"].includes(shell))
    stderr += `getopt: unknown shell '${shell}', assuming bash\n`;
  const params = [...operands];
  const shortOptions = last("o") ?? params.shift();
  if (shortOptions === undefined)
    return Promise.resolve(done("", "getopt: missing optstring argument\n", 1));
  const longOptions = (flags.get("l") ?? [])
    .flatMap((list) => list.split(","))
    .filter((n) => n !== "");
  const result = parseGetopt(
    { shortOptions, longOptions: longOptions.map(longOption), alternative: flags.has("a") },
    params,
  );
  const name = last("n") ?? "getopt";
  if (!flags.has("q") && !result.silent)
    for (const message of result.errors) stderr += `${name}: ${message}\n`;
  const raw = flags.has("u") || (argv[1] !== undefined && !argv[1].startsWith("-"));
  const quote = (text: string) =>
    raw ? text : shellQuote(text, shell === "csh" || shell === "tcsh");
  const words = [
    ...result.items.map((item) => itemText(item, quote)),
    "--",
    ...result.operands.map(quote),
  ];
  const stdout = flags.has("Q") ? "" : `${words.map((word) => ` ${word}`).join("")}\n`;
  return Promise.resolve(done(stdout, stderr, result.errors.length > 0 ? 1 : 0));
});

function longOption(spec: string): LongOption {
  const name = spec.replace(/:{1,2}$/, "");
  const colons = spec.length - name.length;
  return { name, argument: colons === 0 ? "none" : colons === 1 ? "required" : "optional" };
}

function itemText(item: GetoptItem, quote: (text: string) => string): string {
  if (item.kind === "operand") return quote(item.value);
  return item.argument === undefined ? item.name : `${item.name} ${quote(item.argument)}`;
}

/** `'…'` with `'\''` for quotes; csh also needs `!` and newlines escaped outside the quotes. */
function shellQuote(text: string, csh: boolean): string {
  let quoted = text.replaceAll("'", "'\\''");
  if (csh) quoted = quoted.replaceAll("!", "'\\!'").replaceAll("\n", "'\\\n'");
  return `'${quoted}'`;
}

/** `--name=value`, `--name value` and their abbreviations, as short options for `bbGetopt`. */
function ownLongToShort(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--" || !arg.startsWith("-") || arg === "-") {
      out.push(...args.slice(i));
      break;
    }
    if (!arg.startsWith("--")) {
      out.push(arg);
      // A short option taking a value with none attached takes the next argument.
      const valueAt = [...arg.slice(1)].findIndex((letter) => "onsl".includes(letter));
      if (valueAt === arg.length - 2 && args[i + 1] !== undefined) out.push(args[++i]!);
      continue;
    }
    const [typed = "", value] = arg.slice(2).split(/=(.*)/s);
    const match =
      OWN_LONG.find(([name]) => name === typed) ??
      OWN_LONG.find(([name]) => name.startsWith(typed));
    if (match === undefined || (!match[2] && value !== undefined)) {
      out.push(arg);
      continue;
    }
    out.push(`-${match[1]}`);
    if (match[2]) out.push(value ?? args[++i] ?? "");
  }
  return out;
}
