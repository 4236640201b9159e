import { DrydockError } from "../errors/drydock-error.ts";
import { type Errno, isFsError } from "../errors/fs-error.ts";
import type { FsReader } from "../fs/virtual-fs.ts";
import { classifyExecutable, type ExecutableFormat } from "./binary-format.ts";
import { baseName, normalizePath } from "./paths.ts";
import type { StartPhase } from "./runtime-start-error.ts";
import { parseShellArgs, positionalEnv, withSetFlags } from "./shell-args.ts";
import { ociStartError } from "./start-failures.ts";

const SHELLS: ReadonlySet<string> = new Set(["sh", "ash", "bash", "dash"]);
const textDecoder = new TextDecoder();

/** What a started process will do, decided before it starts (the part runc checks). */
export type LaunchPlan =
  | {
      /** Run shell text at the top level of the process, where its output streams live. */
      readonly kind: "shell";
      readonly script: string;
      readonly positional: Readonly<Record<string, string>>;
      /** `sh` with no script: commands come from stdin. */
      readonly fromStdin: boolean;
      readonly exe: string;
      /** The shell is busybox's ash (its messages, its applet lookup). */
      readonly busybox: boolean;
      readonly standalone: boolean;
    }
  | {
      /** Execute a file (an applet, a simulated program) with argv. */
      readonly kind: "exec";
      readonly path: string;
      readonly argv: readonly string[];
      readonly exe: string;
      readonly busybox: boolean;
      readonly standalone: boolean;
    }
  | {
      /** The final execve fails after the start: runc prints this and the process exits 1. */
      readonly kind: "fail";
      readonly message: string;
      readonly exe: string;
    };

/** What `planLaunch` decides from. */
export interface LaunchInput {
  readonly fs: FsReader;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The process's PATH (runc looks the command up with the process's environment). */
  readonly path: string | undefined;
  readonly phase: StartPhase;
}

/**
 * runc's checks and the kernel's exec, on the simulated filesystem: Go's `exec.LookPath`
 * (`executable file not found in $PATH`, `stat …: no such file or directory`, `permission
 * denied` for a directory or a file without an execute bit) throws a `RuntimeStartError`; a
 * file the kernel would refuse (`exec format error`, a missing interpreter) makes a `fail` plan.
 */
export function planLaunch(input: LaunchInput): LaunchPlan {
  const argv0 = input.argv[0];
  if (argv0 === undefined || argv0 === "") {
    throw new DrydockError("InvalidArgument", "No command specified", {
      data: { argv: [...input.argv] },
    });
  }
  const name = lookPath(input, argv0);
  const path = name.startsWith("/") ? name : normalizePath(`${input.cwd}/${name}`);
  return planFile(input, path, name, input.argv.slice(1), 0);
}

function planFile(
  input: LaunchInput,
  path: string,
  name: string,
  args: readonly string[],
  depth: number,
): LaunchPlan {
  const format = formatOf(input.fs, path);
  const fail = (reason: string): LaunchPlan => ({
    kind: "fail",
    message: `exec ${name}: ${reason}\n`,
    exe: path,
  });
  switch (format.kind) {
    case "busybox": {
      const argv0 = input.argv[0]!;
      const viaMulticall = baseName(argv0) === "busybox";
      const shellArgv = viaMulticall ? args : [argv0, ...args];
      if (SHELLS.has(baseName(shellArgv[0] ?? ""))) {
        return shellPlan(input, shellArgv, path, true, format.standalone);
      }
      return {
        kind: "exec",
        path,
        argv: [argv0, ...args],
        exe: path,
        busybox: true,
        standalone: format.standalone,
      };
    }
    case "program":
      if (SHELLS.has(format.name))
        return shellPlan(input, [input.argv[0]!, ...args], path, false, false);
      return {
        kind: "exec",
        path,
        argv: [input.argv[0]!, ...args],
        exe: path,
        busybox: false,
        standalone: false,
      };
    case "script":
      return planScript(input, { path, name, args, format, depth });
    case "elf":
      return fail(
        format.interpreter !== undefined && !input.fs.exists(format.interpreter)
          ? "no such file or directory"
          : "exec format error",
      );
    case "unknown":
      return fail("exec format error");
  }
}

function planScript(
  input: LaunchInput,
  script: {
    path: string;
    name: string;
    args: readonly string[];
    format: Extract<ExecutableFormat, { kind: "script" }>;
    depth: number;
  },
): LaunchPlan {
  const { format } = script;
  const fail: LaunchPlan = {
    kind: "fail",
    message: `exec ${script.name}: no such file or directory\n`,
    exe: script.path,
  };
  if (script.depth >= 4 || format.interpreter === "") return fail;
  let interpreter = format.interpreter;
  let extra = format.argument === undefined ? [] : [format.argument];
  if (baseName(interpreter) === "env" && extra.length > 0) {
    const found = searchPath(input, extra[0]!);
    if (found === undefined)
      return {
        kind: "fail",
        message: `env: can't execute '${extra[0]}': No such file or directory\n`,
        exe: script.path,
      };
    interpreter = found;
    extra = [];
  }
  const interpreterPath = interpreter.startsWith("/")
    ? interpreter
    : normalizePath(`${input.cwd}/${interpreter}`);
  let interpreterFormat: ExecutableFormat;
  try {
    if (input.fs.stat(interpreterPath).type !== "file") return fail;
    interpreterFormat = formatOf(input.fs, interpreterPath);
  } catch {
    return fail;
  }
  const shellName =
    interpreterFormat.kind === "busybox"
      ? baseName(interpreter)
      : interpreterFormat.kind === "program"
        ? interpreterFormat.name
        : "";
  if (SHELLS.has(shellName)) {
    const shellArgv = [interpreter, ...extra, script.name, ...script.args];
    const busybox = interpreterFormat.kind === "busybox";
    return shellPlan(
      input,
      shellArgv,
      interpreterPath,
      busybox,
      interpreterFormat.kind === "busybox" && interpreterFormat.standalone,
    );
  }
  const argv = [interpreter, ...extra, script.name, ...script.args];
  return planFile(
    { ...input, argv },
    interpreterPath,
    interpreter,
    argv.slice(1),
    script.depth + 1,
  );
}

function shellPlan(
  input: LaunchInput,
  argv: readonly string[],
  exe: string,
  busybox: boolean,
  standalone: boolean,
): LaunchPlan {
  const invocation = parseShellArgs(argv);
  const base = { kind: "shell" as const, exe, busybox, standalone };
  switch (invocation.kind) {
    case "error":
      return { kind: "fail", message: invocation.message, exe };
    case "command":
      return {
        ...base,
        script: withSetFlags(invocation.script, invocation.setFlags),
        positional: positionalEnv(invocation.name, invocation.args),
        fromStdin: false,
      };
    case "stdin":
      return {
        ...base,
        script: withSetFlags("", invocation.setFlags),
        positional: positionalEnv(invocation.name, invocation.args),
        fromStdin: true,
      };
    case "file": {
      const path = invocation.path.startsWith("/")
        ? invocation.path
        : normalizePath(`${input.cwd}/${invocation.path}`);
      let text: string;
      try {
        text = textDecoder.decode(input.fs.readFile(path));
      } catch {
        return {
          kind: "fail",
          message: `${argv[0]}: can't open '${invocation.path}': No such file or directory\n`,
          exe,
        };
      }
      return {
        ...base,
        script: withSetFlags(text, invocation.setFlags),
        positional: positionalEnv(invocation.path, invocation.args),
        fromStdin: false,
      };
    }
  }
}

/** Go's exec.LookPath as runc 1.1 calls it, with Docker's messages. */
function lookPath(input: LaunchInput, argv0: string): string {
  if (argv0.includes("/")) {
    const path = argv0.startsWith("/") ? argv0 : normalizePath(`${input.cwd}/${argv0}`);
    const problem = executableProblem(input.fs, path);
    if (problem === undefined) return argv0;
    if (problem === "EACCES") throw ociStartError({ kind: "permission", argv0 }, input.phase);
    throw ociStartError({ kind: "stat", argv0, path: argv0, errno: problem }, input.phase);
  }
  const found = searchPath(input, argv0);
  if (found === undefined) throw ociStartError({ kind: "not-in-path", argv0 }, input.phase);
  return found;
}

function searchPath(input: LaunchInput, name: string): string | undefined {
  for (const dir of (input.path ?? "").split(":")) {
    const candidate = `${dir === "" ? "." : dir}/${name}`;
    const absolute = candidate.startsWith("/")
      ? candidate
      : normalizePath(`${input.cwd}/${candidate}`);
    if (executableProblem(input.fs, absolute) === undefined) return candidate;
  }
  return undefined;
}

/** Why a path is not an executable file (Go's `findExecutable`), or undefined if it is one. */
function executableProblem(fs: FsReader, path: string): Errno | undefined {
  try {
    const info = fs.stat(path);
    return info.type !== "directory" && (info.perm & 0o111) !== 0 ? undefined : "EACCES";
  } catch (error) {
    if (isFsError(error)) return error.errno;
    throw error;
  }
}

function formatOf(fs: FsReader, path: string): ExecutableFormat {
  return classifyExecutable(fs.readFile(path));
}
