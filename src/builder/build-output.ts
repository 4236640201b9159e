import type { Digest } from "../digest/digest.ts";
import { errorMessage, type JsonMessage } from "../engine/json-message.ts";
import type { MessageChannel } from "./message-channel.ts";

/** dockerd's stderr formatter colours every chunk a build container writes to stderr. */
const STDERR_PREFIX = "\u001b[91m";
const STDERR_SUFFIX = "\u001b[0m";

/**
 * The build stream as dockerd's classic builder writes it (`POST /build?version=1`): one JSON
 * message per write of its stdout/stderr formatters, so `Step 1/3 : FROM x` and its `\n` are
 * two messages, stderr chunks are wrapped in `ESC[91m … ESC[0m`, the image ID goes in `aux`.
 *
 * Quiet builds (`q=1`) keep everything in a buffer: on success the stream is the image ID
 * alone; on failure the buffer is sent, then the error, as dockerd's `postBuild` does.
 */
export class BuildOutput {
  readonly #channel: MessageChannel<JsonMessage>;
  readonly #quiet: boolean;
  readonly #buffered: JsonMessage[] = [];
  #written = false;

  constructor(options: { channel: MessageChannel<JsonMessage>; quiet: boolean }) {
    this.#channel = options.channel;
    this.#quiet = options.quiet;
  }

  /**
   * Whether anything reached the client. Before that, a failure is an HTTP error (dockerd
   * answers 4xx/5xx with `{"message"}`); after it, a failure is an `errorDetail` message.
   */
  get written(): boolean {
    return this.#written || (this.#quiet && this.#buffered.length > 0);
  }

  #emit(message: JsonMessage): void {
    if (this.#quiet) {
      this.#buffered.push(message);
      return;
    }
    this.#written = true;
    this.#channel.push(message);
  }

  /** `Step N/M : <instruction>` then its newline, as two writes. */
  step(text: string): void {
    this.#emit({ stream: text });
    this.#emit({ stream: "\n" });
  }

  /** One write to the builder's stdout (the text carries its own newline). */
  stdout(text: string): void {
    this.#emit({ stream: text });
  }

  /** One write to the builder's stderr. */
  stderr(text: string): void {
    this.#emit({ stream: `${STDERR_PREFIX}${text}${STDERR_SUFFIX}` });
  }

  /** ` ---> <12 hex>` (empty after `FROM scratch`). */
  arrow(id: Digest | ""): void {
    this.stdout(` ---> ${truncateId(id)}\n`);
  }

  /** The image ID of a finished stage. */
  aux(id: Digest): void {
    this.#emit({ aux: { ID: id } });
  }

  /** A message from elsewhere (pull progress), passed through. */
  passThrough(message: JsonMessage): void {
    this.#emit(message);
  }

  /** True when the client went away: dockerd then stops the build (`Build cancelled`). */
  get cancelled(): boolean {
    return this.#channel.abandoned;
  }

  /** Ends a successful build. */
  finish(imageId: Digest): void {
    if (this.#quiet) {
      this.#written = true;
      this.#channel.push({ stream: `${imageId}\n` });
    }
    this.#channel.end();
  }

  /** Ends a failed build: an `errorDetail` message once output was written, else a thrown error. */
  fail(error: { readonly message: string }, exitCode?: number): void {
    if (!this.written) {
      this.#channel.fail(error);
      return;
    }
    for (const message of this.#buffered.splice(0)) this.#channel.push(message);
    this.#written = true;
    this.#channel.push(errorMessage(error.message, exitCode));
    this.#channel.end();
  }
}

/** Docker's `stringid.TruncateID`: the hex part of an ID, cut to 12 characters. */
export function truncateId(id: string): string {
  const colon = id.indexOf(":");
  return (colon < 0 ? id : id.slice(colon + 1)).slice(0, 12);
}
