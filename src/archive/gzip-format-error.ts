import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/** Why gzip data could not be decompressed. */
export type GzipFormatErrorReason = "truncated" | "header" | "checksum" | "corrupt";

const CODE_OF_REASON: Readonly<Record<GzipFormatErrorReason, ErrorCode>> = {
  truncated: "DataLoss",
  header: "InvalidArgument",
  checksum: "DataLoss",
  corrupt: "DataLoss",
};

/**
 * Malformed gzip data. Messages use Go's compress/gzip wording (`gzip: unexpected EOF`,
 * `gzip: invalid header`, `gzip: invalid checksum`), which is what Docker prints for a bad layer.
 */
export class GzipFormatError extends DrydockError {
  readonly reason: GzipFormatErrorReason;
  readonly offset: number;

  constructor(options: {
    reason: GzipFormatErrorReason;
    message: string;
    offset: number;
    cause?: unknown;
  }) {
    super(CODE_OF_REASON[options.reason], options.message, {
      data: { reason: options.reason, offset: options.offset },
      cause: options.cause,
    });
    this.name = "GzipFormatError";
    this.reason = options.reason;
    this.offset = options.offset;
  }
}
