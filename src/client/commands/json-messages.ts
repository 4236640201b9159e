import type { JsonMessage, JsonMessageStream } from "../../engine/json-message.ts";
import type { OutputSink } from "../command-io.ts";

/** How a JSON message stream ended. */
export interface StreamOutcome {
  /** The stream's error, if it ended with one (`errorDetail`). */
  readonly error?: { readonly code: number; readonly message: string };
  /** `aux` payloads in order (build's image ID, push's digest, …). */
  readonly aux: readonly Readonly<Record<string, unknown>>[];
}

/** Whether a message carries a progress bar, which the CLI skips when not on a terminal. */
function hasProgress(message: JsonMessage): boolean {
  const detail = message.progressDetail;
  if (detail !== undefined && ((detail.current ?? 0) > 0 || (detail.total ?? 0) > 0)) return true;
  return message.progress !== undefined && message.progress !== "";
}

/**
 * Prints a build/pull/push/load stream as the docker CLI does when its output is not a terminal
 * (`jsonmessage.DisplayJSONMessagesStream`): `stream` text as is, `id: status` lines, progress
 * updates skipped, `aux` collected; printing stops at the first error, which is returned.
 */
export async function displayJsonMessages(
  stream: JsonMessageStream,
  sink: OutputSink,
): Promise<StreamOutcome> {
  const aux: Readonly<Record<string, unknown>>[] = [];
  for await (const message of stream) {
    if (message.errorDetail !== undefined || message.error !== undefined) {
      const detail = message.errorDetail;
      const text = detail?.message ?? message.error ?? "";
      return {
        error: { code: detail?.code ?? 0, message: text === "" ? "unknown error" : text },
        aux,
      };
    }
    if (message.aux !== undefined) {
      aux.push(message.aux);
      continue;
    }
    if (hasProgress(message) && message.stream === undefined) continue;
    let line = "";
    if (message.id !== undefined && message.id !== "") line += `${message.id}: `;
    if (message.from !== undefined && message.from !== "") line += `(from ${message.from}) `;
    if (message.stream !== undefined && message.stream !== "") line += message.stream;
    else line += `${message.status ?? ""}\n`;
    sink.write(line);
  }
  return { aux };
}
