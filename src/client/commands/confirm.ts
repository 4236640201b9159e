import type { CommandIo } from "../command-io.ts";

/** Longest answer read from stdin. */
const ANSWER_BYTES_MAX = 1024;

/**
 * Prints docker's warning and `Are you sure you want to continue? [y/N] `, then reads one line
 * of stdin; only `y`/`Y` (surrounding blanks ignored) confirms.
 */
export async function confirm(
  io: CommandIo,
  warning: string,
  options: { sameLine?: boolean } = {},
): Promise<boolean> {
  const separator = options.sameLine === true ? " " : "\n";
  io.stdout.write(`${warning}${separator}Are you sure you want to continue? [y/N] `);
  const decoder = new TextDecoder();
  let answer = "";
  for await (const chunk of io.stdin()) {
    answer += decoder.decode(chunk, { stream: true });
    if (answer.includes("\n") || answer.length > ANSWER_BYTES_MAX) break;
  }
  const line = answer.split("\n")[0]!.trim();
  return line === "y" || line === "Y";
}
