import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/**
 * Why a tar archive could not be read: it ends early, a header's checksum does not match, a
 * field is malformed, or it uses a feature drydock does not implement (GNU sparse files).
 */
export type TarFormatErrorReason =
  | "truncated"
  | "checksum"
  | "header"
  | "numeric"
  | "pax"
  | "unsupported";

const CODE_OF_REASON: Readonly<Record<TarFormatErrorReason, ErrorCode>> = {
  truncated: "DataLoss",
  checksum: "DataLoss",
  header: "InvalidArgument",
  numeric: "InvalidArgument",
  pax: "InvalidArgument",
  unsupported: "Unimplemented",
};

/**
 * A malformed tar archive. Messages start with the text Go's archive/tar (and so Docker) reports
 * for the same failure — `unexpected EOF`, `archive/tar: invalid tar header` — followed by the
 * detail: which header, at which byte offset.
 */
export class TarFormatError extends DrydockError {
  readonly reason: TarFormatErrorReason;
  /** Byte offset in the archive of the header (or data) at fault. */
  readonly offset: number;

  constructor(options: { reason: TarFormatErrorReason; message: string; offset: number }) {
    super(CODE_OF_REASON[options.reason], options.message, {
      data: { reason: options.reason, offset: options.offset },
    });
    this.name = "TarFormatError";
    this.reason = options.reason;
    this.offset = options.offset;
  }
}
