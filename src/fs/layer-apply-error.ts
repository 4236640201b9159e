import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A layer entry that cannot be applied: a hard link to nothing, a file where a directory is
 * needed on the way, a non-directory replacing the root. The layer is rejected as a whole and the
 * tree it was applied to is left as it was.
 */
export class LayerApplyError extends DrydockError {
  readonly index: number;
  readonly path: string;

  constructor(options: { index: number; path: string; reason: string; cause?: unknown }) {
    super(
      "InvalidArgument",
      `failed to apply layer entry ${options.index} ${JSON.stringify(options.path)}: ${options.reason}`,
      {
        data: { index: options.index, path: options.path, reason: options.reason },
        cause: options.cause,
      },
    );
    this.name = "LayerApplyError";
    this.index = options.index;
    this.path = options.path;
  }
}
