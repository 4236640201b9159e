import { DrydockError } from "./drydock-error.ts";

/** How a path would escape: absolute, climbing above the root with `..`, or a NUL byte. */
export type UnsafePathReason = "absolute" | "escapes-root" | "nul-byte";

const DESCRIPTION: Readonly<Record<UnsafePathReason, string>> = {
  absolute: "is an absolute path",
  "escapes-root": "escapes the extraction root",
  "nul-byte": "contains a NUL byte",
};

/**
 * A path from an archive (an entry name or a hard-link target) that would land outside the
 * directory it is extracted into. Extraction rejects the whole archive rather than skip the entry.
 */
export class UnsafePathError extends DrydockError {
  readonly path: string;
  readonly reason: UnsafePathReason;

  /** `what` names the path in the message; "archive entry" unless given. */
  constructor(options: { path: string; reason: UnsafePathReason; what?: string }) {
    const what = options.what ?? "archive entry";
    super(
      "InvalidArgument",
      `${what} ${JSON.stringify(options.path)} ${DESCRIPTION[options.reason]}`,
      {
        data: { path: options.path, reason: options.reason, what },
      },
    );
    this.name = "UnsafePathError";
    this.path = options.path;
    this.reason = options.reason;
  }
}
