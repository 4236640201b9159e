import { isFsError } from "../../errors/fs-error.ts";
import { CliError } from "../cli-error.ts";
import type { CommandIo } from "../command-io.ts";

/** Largest `--env-file` read, in bytes. */
const ENV_FILE_BYTES_MAX = 4 * 1024 * 1024;

/** The `-e` flag's validator (`opts.ValidateEnv`). */
export function envProblem(value: string): string | undefined {
  return value.startsWith("=") ? `invalid environment variable: ${value}` : undefined;
}

/**
 * `-e` values as the CLI passes them: `K=V` as is; a bare `K` takes its value from the client's
 * environment when set (`K=value`), and is passed on as `K` otherwise.
 */
export function resolveEnv(
  values: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return values.map((value) => {
    if (value.includes("=")) return value;
    const fromEnv = env[value];
    return fromEnv === undefined ? value : `${value}=${fromEnv}`;
  });
}

/**
 * Parses an env file as the docker CLI does (`opts.ParseEnvFile`): a leading BOM is dropped,
 * leading whitespace trimmed, blank lines and `#` comments skipped; `K=V` is kept verbatim (no
 * trimming of the value), a bare `K` takes the client's value or stays `K`; a name with
 * whitespace is an error.
 */
export function parseEnvFile(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
  path = "",
): string[] {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\r$/, "").replace(/^\s+/u, "");
    if (line === "" || line.startsWith("#")) continue;
    const equals = line.indexOf("=");
    const name = equals < 0 ? line : line.slice(0, equals);
    if (name === "")
      throw new CliError({ status: `no variable name on line '${line}'`, exitCode: 125 });
    if (/\s/u.test(name)) {
      throw new CliError({
        status: `invalid env file (${path}): variable '${name}' contains whitespaces`,
        exitCode: 125,
      });
    }
    if (equals >= 0) out.push(line);
    else {
      const value = env[name];
      out.push(value === undefined ? name : `${name}=${value}`);
    }
  }
  return out;
}

/** Reads and parses each `--env-file`, in order. */
export async function readEnvFiles(io: CommandIo, paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    let bytes: Uint8Array;
    try {
      bytes = await io.files.readFile(path);
    } catch (error) {
      if (isFsError(error))
        throw new CliError({ status: `open ${path}: ${describe(error.errno)}`, exitCode: 125 });
      throw error;
    }
    if (bytes.length > ENV_FILE_BYTES_MAX) {
      throw new CliError({
        status: `env file ${path} is larger than ${ENV_FILE_BYTES_MAX} bytes`,
        exitCode: 125,
      });
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new CliError({ status: `env file ${path} contains invalid utf8 bytes`, exitCode: 125 });
    }
    out.push(...parseEnvFile(text, io.env, path));
  }
  return out;
}

function describe(errno: string): string {
  return errno === "ENOENT"
    ? "no such file or directory"
    : errno === "EISDIR"
      ? "is a directory"
      : errno.toLowerCase();
}
