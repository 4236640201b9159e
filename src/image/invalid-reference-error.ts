import { DrydockError } from "../errors/drydock-error.ts";

/** Why a reference was refused; the message is Docker's text for that reason. */
export type InvalidReferenceReason =
  | "format"
  | "uppercase"
  | "name-too-long"
  | "hex-name"
  | "empty-name"
  | "digest"
  | "tag-format"
  | "digest-format";

/**
 * An image reference that Docker's grammar refuses. The message is exactly what dockerd or the
 * docker CLI prints for it (`invalid reference format`, `invalid reference format: repository
 * name must be lowercase`, `repository name must not be more than 255 characters`, …).
 */
export class InvalidReferenceError extends DrydockError {
  readonly reason: InvalidReferenceReason;

  constructor(options: { reference: string; reason: InvalidReferenceReason; message: string }) {
    super("InvalidArgument", options.message, {
      data: { reference: options.reference, reason: options.reason },
    });
    this.name = "InvalidReferenceError";
    this.reason = options.reason;
  }
}
