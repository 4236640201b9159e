/** What `sh ARGS…` was asked to run. */
export type ShellInvocation =
  | {
      readonly kind: "command";
      readonly script: string;
      readonly name: string;
      readonly args: readonly string[];
      readonly setFlags: string;
    }
  | {
      readonly kind: "file";
      readonly path: string;
      readonly args: readonly string[];
      readonly setFlags: string;
    }
  | {
      readonly kind: "stdin";
      readonly name: string;
      readonly args: readonly string[];
      readonly setFlags: string;
    }
  | { readonly kind: "error"; readonly message: string; readonly exitCode: number };

/** Options `sh` accepts that are `set` options too. */
const SET_FLAGS = new Set(["a", "e", "f", "n", "u", "v", "x", "C"]);

/**
 * Parses a busybox ash command line: `sh [-eux…] -c SCRIPT [ARG0 [ARGS]]`, `sh [-eux…] FILE
 * [ARGS]`, or `sh [-s] [ARGS]` (commands from stdin).
 */
export function parseShellArgs(argv: readonly string[]): ShellInvocation {
  const shell = argv[0] ?? "sh";
  let index = 1;
  let command = false;
  let stdin = false;
  let setFlags = "";
  while (index < argv.length) {
    const arg = argv[index]!;
    if (arg === "--" || arg === "-") {
      index++;
      break;
    }
    if (!/^[-+][A-Za-z]/.test(arg)) break;
    index++;
    for (const flag of arg.slice(1)) {
      if (flag === "c") command = true;
      else if (flag === "s") stdin = true;
      else if (flag === "o") index++;
      else if (SET_FLAGS.has(flag) && arg.startsWith("-")) setFlags += flag;
    }
  }
  const rest = argv.slice(index);
  if (command) {
    if (rest.length === 0)
      return { kind: "error", message: `${shell}: -c requires an argument\n`, exitCode: 2 };
    return {
      kind: "command",
      script: rest[0]!,
      name: rest[1] ?? shell,
      args: rest.slice(2),
      setFlags,
    };
  }
  if (stdin || rest.length === 0) return { kind: "stdin", name: shell, args: rest, setFlags };
  return { kind: "file", path: rest[0]!, args: rest.slice(1), setFlags };
}

/** The positional parameters of a shell, as just-bash keeps them (`$0`, `$1`…, `$#`, `$@`). */
export function positionalEnv(name: string, args: readonly string[]): Record<string, string> {
  const env: Record<string, string> = {
    "0": name,
    "#": String(args.length),
    "@": args.join(" "),
    "*": args.join(" "),
  };
  args.forEach((arg, index) => {
    env[String(index + 1)] = arg;
  });
  return env;
}

/** `set -eu` in front of a script for the flags given on the command line. */
export function withSetFlags(script: string, setFlags: string): string {
  return setFlags === "" ? script : `set -${setFlags}\n${script}`;
}
