import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A commit refused because the bytes written do not match what the writer was told to expect.
 * The message is containerd's wording; a registry maps it to `DIGEST_INVALID` / `SIZE_INVALID`.
 */
export class BlobCommitError extends DrydockError {
  readonly reason: "digest" | "size";

  constructor(options: {
    ref: string;
    reason: "digest" | "size";
    expected: string | number;
    actual: string | number;
  }) {
    super(
      "FailedPrecondition",
      `unexpected commit ${options.reason} ${options.actual}, expected ${options.expected}: failed precondition`,
      {
        data: {
          ref: options.ref,
          reason: options.reason,
          expected: options.expected,
          actual: options.actual,
        },
      },
    );
    this.name = "BlobCommitError";
    this.reason = options.reason;
  }
}
