import { DrydockError, type ErrorCode } from "../../errors/drydock-error.ts";

/** Why an archive was refused. */
export type DockerArchiveErrorReason =
  /** manifest.json, index.json or a config is not what Docker writes. */
  | "format"
  /** A file the manifest names is not in the archive. */
  | "missing"
  /** Bytes do not hash to the digest that names them (a tampered or damaged archive). */
  | "digest"
  /** A path or link points outside the archive, or an entry is not a file, directory or link. */
  | "unsafe-entry"
  /** Something drydock does not model: pre-1.10 archives, zstd layers, foreign OSes. */
  | "unsupported";

const CODES: Readonly<Record<DockerArchiveErrorReason, ErrorCode>> = {
  format: "InvalidArgument",
  missing: "InvalidArgument",
  digest: "InvalidArgument",
  "unsafe-entry": "InvalidArgument",
  unsupported: "Unimplemented",
};

/**
 * A `docker load` archive or an OCI layout that cannot be loaded. The message uses dockerd's
 * wording where it has one (`invalid diffID for layer 0: expected "sha256:…", got "sha256:…"`,
 * `open x/layer.tar: no such file or directory`); `data.path` names the file concerned.
 */
export class DockerArchiveError extends DrydockError {
  readonly reason: DockerArchiveErrorReason;

  constructor(options: {
    reason: DockerArchiveErrorReason;
    message: string;
    path?: string;
    data?: Readonly<Record<string, unknown>>;
    cause?: unknown;
  }) {
    super(CODES[options.reason], options.message, {
      data: { reason: options.reason, path: options.path, ...options.data },
      cause: options.cause,
    });
    this.name = "DockerArchiveError";
    this.reason = options.reason;
  }
}

/** dockerd's message for a file that is not there (`open <path>: no such file or directory`). */
export function missingFile(path: string): DockerArchiveError {
  return new DockerArchiveError({
    reason: "missing",
    path,
    message: `open ${path}: no such file or directory`,
  });
}
