import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/** A codec drydock decodes itself. */
export type Codec = "bzip2" | "xz" | "lzma" | "zstd" | "compress" | "zip" | "cpio";

/** Why compressed data could not be decoded. */
export type DecompressErrorReason = "truncated" | "format" | "checksum" | "corrupt" | "unsupported";

const CODE_OF_REASON: Readonly<Record<DecompressErrorReason, ErrorCode>> = {
  truncated: "DataLoss",
  format: "InvalidArgument",
  checksum: "DataLoss",
  corrupt: "DataLoss",
  unsupported: "Unimplemented",
};

/**
 * Malformed bzip2, xz, lzma, zstd or `.Z` data. `reason` says what kind of failure it was, so
 * callers (busybox applets, dockerd's layer and ADD paths) can word it as their real tool does;
 * `offset` is the input byte where the decoder noticed it (-1 when unknown).
 */
export class DecompressError extends DrydockError {
  readonly codec: Codec;
  readonly reason: DecompressErrorReason;
  readonly offset: number;
  /**
   * What a streaming decoder would already have written before it failed (whole verified
   * blocks for bzip2, every byte decoded so far for xz and lzma); busybox's applets print it
   * before their error message.
   */
  partialOutput: Uint8Array = new Uint8Array(0);

  constructor(options: {
    codec: Codec;
    reason: DecompressErrorReason;
    message: string;
    offset: number;
    /** What exactly was wrong, when the message is a tool's fixed wording. */
    detail?: string;
  }) {
    const { codec, reason, offset, detail } = options;
    super(CODE_OF_REASON[reason], options.message, {
      data: detail === undefined ? { codec, reason, offset } : { codec, reason, offset, detail },
    });
    this.name = "DecompressError";
    this.codec = options.codec;
    this.reason = options.reason;
    this.offset = options.offset;
  }
}
