import { parseRfc3339 } from "../../clock/time-format.ts";
import type { Filters } from "../../engine/api-types.ts";
import type { Engine } from "../../engine/engine.ts";
import { isDrydockError } from "../../errors/drydock-error.ts";
import { CliError } from "../cli-error.ts";
import type { CommandIo } from "../command-io.ts";

const encoder = new TextEncoder();

/** Writes text to the command's stdout. */
export function out(io: CommandIo, text: string): void {
  if (text !== "") io.stdout.write(text);
}

/** Writes text to the command's stderr. */
export function err(io: CommandIo, text: string): void {
  if (text !== "") io.stderr.write(text);
}

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** What the CLI prints for an error the daemon returned. */
export function daemonMessage(error: unknown): string {
  if (error instanceof CliError) return error.status;
  if (isDrydockError(error)) return `Error response from daemon: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The client's "now" for relative times (`2 minutes ago`): the io's clock, else the daemon's
 * `SystemTime` (the simulated world's time for an embedded engine).
 */
export async function clientNowUs(engine: Engine, io: CommandIo): Promise<number> {
  if (io.clock !== undefined) return io.clock.nowUs();
  const info = await engine.info();
  const parsed = parseRfc3339(String(info.SystemTime));
  if (parsed === undefined)
    throw new CliError({
      status: `invalid SystemTime from daemon: ${info.SystemTime}`,
      exitCode: 1,
    });
  return parsed;
}

/** `-f key=value` flags as the API's `filters` (values in order given, duplicates dropped). */
export function filtersOf(values: readonly string[]): Filters {
  const filters: Record<string, string[]> = {};
  for (const value of values) {
    const equals = value.indexOf("=");
    const key = value.slice(0, equals).trim().toLowerCase();
    const item = value.slice(equals + 1);
    const list = (filters[key] ??= []);
    if (!list.includes(item)) list.push(item);
  }
  return filters;
}

/**
 * Runs an action on each name, as `docker rm a b c` does: successes print the name, failures are
 * collected and printed together at the end, and the exit code is 1 if any failed.
 */
export async function forEachName(
  io: CommandIo,
  names: readonly string[],
  action: (name: string) => Promise<string | undefined>,
): Promise<number> {
  const failures: string[] = [];
  for (const name of names) {
    try {
      const line = await action(name);
      if (line !== undefined) out(io, `${line}\n`);
    } catch (error) {
      failures.push(daemonMessage(error));
    }
  }
  if (failures.length === 0) return 0;
  err(io, `${failures.join("\n")}\n`);
  return 1;
}

/**
 * Where `docker save` and `docker export` put their archive: the `-o` file (mode 0600), or
 * stdout, which the docker CLI refuses to do when stdout is a terminal (checked before any work).
 */
export async function writeArchiveOutput(
  io: CommandIo,
  output: string,
  produce: () => Promise<Uint8Array>,
): Promise<void> {
  if (output === "" && io.stdoutIsTerminal) {
    throw new CliError({
      status: "cowardly refusing to save to a terminal. Use the -o flag or redirect",
      exitCode: 1,
    });
  }
  const archive = await produce();
  if (output === "") io.stdout.write(archive);
  else await io.files.writeFile(output, archive, { mode: 0o600 });
}
