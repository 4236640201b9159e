import { utf8Bytes } from "../archive/byte-strings.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import { runMiniShell } from "./mini-shell.ts";

/** What a built-in program sees of its process. Every wait rejects if the process is killed. */
export interface ProgramContext {
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly workingDir: string;
  readonly rootfs: VirtualFs;
  readonly programs: ReadonlyMap<string, BuiltinProgram>;
  nowUs(): number;
  write(stream: "stdout" | "stderr", data: Uint8Array): Promise<void>;
  sleep(durationUs: number): Promise<void>;
  /** The next chunk of stdin, or undefined at EOF. */
  readStdin(): Promise<Uint8Array | undefined>;
}

/** A program: runs to completion and returns its exit status. */
export type BuiltinProgram = (context: ProgramContext) => Promise<number>;

const echo: BuiltinProgram = async (context) => {
  await context.write("stdout", utf8Bytes(`${context.argv.slice(1).join(" ")}\n`));
  return 0;
};

const sleep: BuiltinProgram = async (context) => {
  const text = context.argv[1] ?? "";
  const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text);
  if (match === null) {
    await context.write("stderr", utf8Bytes(`sleep: invalid number '${text}'\n`));
    return 1;
  }
  const unit = match[2] === "h" ? 3600 : match[2] === "m" ? 60 : 1;
  await context.sleep(Math.round(Number(match[1]) * unit * 1_000_000));
  return 0;
};

const cat: BuiltinProgram = async (context) => {
  if (context.argv.length > 1) {
    for (const path of context.argv.slice(1)) {
      try {
        await context.write("stdout", context.rootfs.readFile(path));
      } catch {
        await context.write(
          "stderr",
          utf8Bytes(`cat: can't open '${path}': No such file or directory\n`),
        );
        return 1;
      }
    }
    return 0;
  }
  for (
    let chunk = await context.readStdin();
    chunk !== undefined;
    chunk = await context.readStdin()
  )
    await context.write("stdout", chunk);
  return 0;
};

const shell: BuiltinProgram = async (context) => {
  if (context.argv[1] !== "-c" || context.argv[2] === undefined) return 0;
  return runMiniShell(context, context.argv[2]);
};

/** The programs `BuiltinRuntime` knows, by base name. */
export const BUILTIN_PROGRAMS: ReadonlyMap<string, BuiltinProgram> = new Map<
  string,
  BuiltinProgram
>([
  ["echo", echo],
  ["sleep", sleep],
  ["cat", cat],
  ["true", async () => 0],
  ["false", async () => 1],
  ["sh", shell],
]);
