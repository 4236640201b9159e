import { DrydockError } from "../errors/drydock-error.ts";

/** The kind of document a format error is about. */
export type ImageDocumentKind = "manifest" | "index" | "config" | "descriptor" | "store state";

/**
 * A manifest, index, config or descriptor that is not valid: not JSON, a missing or mistyped
 * field, a bad digest, an unsupported media type or schema version. `data.field` is the JSON path
 * of the offending member (`layers[2].digest`), so a caller can point at it.
 */
export class ImageFormatError extends DrydockError {
  constructor(options: {
    kind: ImageDocumentKind;
    field?: string;
    reason: string;
    cause?: unknown;
  }) {
    const where = options.field === undefined || options.field === "" ? "" : `${options.field}: `;
    super("InvalidArgument", `invalid image ${options.kind}: ${where}${options.reason}`, {
      data: { kind: options.kind, field: options.field ?? "", reason: options.reason },
      cause: options.cause,
    });
    this.name = "ImageFormatError";
  }
}
