/**
 * A pass-through stream that lets bytes out only as fast as a {@link BandwidthPacer} allows, in
 * pieces of at most {@link PACED_PIECE_BYTES_MAX}, and counts them.
 */
import { Transform, type TransformCallback } from "node:stream";
import type { BandwidthPacer } from "./bandwidth-pacer.ts";

/** The largest piece queued on a pacer at once: the pacing granularity. */
export const PACED_PIECE_BYTES_MAX = 16 * 1024;

/**
 * Bytes each side of a paced stream buffers before it stops reading (backpressure): with one
 * piece in the pacer, a paced stream holds about 200 KiB at most (both buffers and the chunk in hand).
 */
export const PACED_BUFFER_BYTES_MAX = 64 * 1024;

/** Paces one body through one direction of a link. */
export class PacedStream extends Transform {
  /** Body bytes that have left the stream so far. */
  passedBytes = 0;
  readonly #pacer: BandwidthPacer;
  readonly #abort = new AbortController();

  constructor(pacer: BandwidthPacer) {
    super({ highWaterMark: PACED_BUFFER_BYTES_MAX });
    this.#pacer = pacer;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pass(chunk).then(
      () => callback(),
      (error: unknown) => callback(error as Error),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#abort.abort();
    callback(error);
  }

  async #pass(chunk: Buffer): Promise<void> {
    for (let at = 0; at < chunk.length; at += PACED_PIECE_BYTES_MAX) {
      const piece = chunk.subarray(at, at + PACED_PIECE_BYTES_MAX);
      await this.#pacer.send(piece.length, this.#abort.signal);
      if (this.destroyed) return;
      this.passedBytes += piece.length;
      this.push(piece);
    }
  }
}
