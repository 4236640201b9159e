import type { ContentStore } from "../../content/content-store.ts";
import { writeGoJson } from "../../digest/go-json.ts";
import type { ImageStore } from "../image-store.ts";
import { commitLoad, type DockerLoadResult } from "./commit-load.ts";
import type { DockerArchiveLimits } from "./docker-archive-limits.ts";
import { readDockerArchive } from "./read-docker-archive.ts";

/** Options of `loadDockerArchive`. */
export interface LoadDockerArchiveOptions {
  /** The tar (or gzip of a tar) the client sent. */
  readonly archive: Uint8Array;
  readonly images: ImageStore;
  /** Receives each layer's uncompressed tar under its diff ID and each config under its ID. */
  readonly content: ContentStore;
  readonly limits?: Partial<DockerArchiveLimits>;
}

/**
 * `docker load`: reads and verifies the whole archive (`readDockerArchive`), then commits it to
 * the stores at once (`commitLoad`). Any failure leaves both stores unchanged.
 *
 * @example
 * const { messages } = await loadDockerArchive({ archive, images, content });
 * // ["Loaded image: busybox:latest\n"]
 */
export async function loadDockerArchive(
  options: LoadDockerArchiveOptions,
): Promise<DockerLoadResult> {
  const staged = readDockerArchive(options.archive, { limits: options.limits });
  return commitLoad({ staged, images: options.images, content: options.content });
}

/**
 * The body of dockerd's `POST /images/load?quiet=1` response for these messages: one
 * `{"stream":"…"}` JSON object per write, each followed by `\r\n` (the JSON-message stream
 * framing of build, pull and load).
 */
export function loadResponseStream(messages: readonly string[]): string {
  return messages.map((text) => `${writeGoJson({ stream: text })}\r\n`).join("");
}
