/**
 * A tiny stand-in for the container runtime, for builder tests only: it understands `sh -c`
 * scripts made of a few commands (echo, printf, true, false, exit, mkdir, touch, rm, cat, ln)
 * joined by `;`, `&&` and `||`, with `>`/`>>` redirects and `$VAR` expansion. The real runtime
 * (src/runtime) replaces it in the differential tests.
 */
import type {
  BuildProcessRunner,
  BuildProcessSpec,
} from "../../../../../src/builder/mem-build-host.ts";
import { DrydockError } from "../../../../../src/errors/drydock-error.ts";

const encoder = new TextEncoder();
const NOW_US = 1_767_225_600_000_000;

export const toyRunner: BuildProcessRunner = async (spec) => {
  const [program, ...args] = spec.argv;
  if (program === undefined) throw new DrydockError("InvalidArgument", "no command specified");
  const name = program.split("/").at(-1) ?? program;
  if (!spec.rootfs.exists(program.startsWith("/") ? program : `/bin/${program}`)) {
    throw new DrydockError(
      "InvalidArgument",
      `failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${program}": stat ${program}: no such file or directory: unknown`,
    );
  }
  if (name === "sh" && args[0] === "-c") return runScript(spec, args[1] ?? "");
  return runCommand(spec, [name, ...args]);
};

function runScript(spec: BuildProcessSpec, script: string): number {
  let status = 0;
  let skip = false;
  for (const part of script.split(/(;|&&|\|\|)/)) {
    if (part === ";") skip = false;
    else if (part === "&&") skip = status !== 0;
    else if (part === "||") skip = status === 0;
    else if (!skip && part.trim() !== "") {
      const words = splitWords(part.trim(), spec.env);
      if (words[0] === "exit") return Number(words[1] ?? status);
      status = runCommand(spec, words);
    }
  }
  return status;
}

function splitWords(text: string, env: readonly string[]): string[] {
  const vars = new Map(env.map((e) => [e.split("=", 1)[0]!, e.slice(e.indexOf("=") + 1)]));
  const words: string[] = [];
  for (const match of text.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)) {
    const raw = match[1] ?? match[2] ?? match[3] ?? "";
    const word =
      match[1] !== undefined ? raw : raw.replace(/\$(\w+)/g, (_m, v: string) => vars.get(v) ?? "");
    // An unquoted word that expands to nothing disappears, as in sh.
    if (word !== "" || match[3] === undefined) words.push(word);
  }
  return words;
}

function flush(spec: BuildProcessSpec, out: string[]): void {
  const text = out.splice(0).join("");
  if (text !== "") spec.onOutput({ stream: "stdout", data: encoder.encode(text) });
}

function runCommand(spec: BuildProcessSpec, input: string[]): number {
  const redirect = input.findIndex((word) => word === ">" || word === ">>");
  const words = redirect < 0 ? input : input.slice(0, redirect);
  const target = redirect < 0 ? undefined : input[redirect + 1];
  const out: string[] = [];
  const fs = spec.rootfs;
  const path = (p: string): string => (p.startsWith("/") ? p : `${spec.cwd}/${p}`);
  const opts = { nowUs: NOW_US };
  const [command, ...args] = words;
  switch (command) {
    case "echo":
      out.push(`${args.join(" ")}\n`);
      break;
    case "printf":
      out.push((args[0] ?? "").replace(/\\n/g, "\n"));
      break;
    case "true":
      break;
    case "false":
      return 1;
    case "mkdir":
      for (const p of args.filter((a) => a !== "-p")) fs.mkdirp(path(p), opts);
      break;
    case "touch":
      for (const p of args) if (!fs.exists(path(p))) fs.writeFile(path(p), new Uint8Array(), opts);
      break;
    case "rm":
      for (const p of args.filter((a) => !a.startsWith("-")))
        fs.rm(path(p), { ...opts, recursive: true, force: true });
      break;
    case "cat":
      for (const p of args) {
        if (!fs.exists(path(p))) {
          flush(spec, out);
          spec.onOutput({
            stream: "stderr",
            data: encoder.encode(`cat: can't open '${p}': No such file or directory\n`),
          });
          return 1;
        }
        out.push(new TextDecoder().decode(fs.readFile(path(p))));
      }
      break;
    case "ln":
      fs.symlink(args[1] ?? "", path(args[2] ?? ""), opts);
      break;
    default:
      spec.onOutput({ stream: "stderr", data: encoder.encode(`sh: ${command}: not found\n`) });
      return 127;
  }
  const text = out.join("");
  if (target !== undefined) {
    fs.writeFile(path(target), encoder.encode(text), { ...opts, append: input[redirect] === ">>" });
  } else if (text !== "") {
    spec.onOutput({ stream: "stdout", data: encoder.encode(text) });
  }
  return 0;
}
