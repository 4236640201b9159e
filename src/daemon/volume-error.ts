import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/**
 * A volume operation refused, with dockerd's `<op> <name>: <reason>` wording:
 * `get x: no such volume`, `remove x: volume is in use - [id…]`, `create x: volume name is too
 * short, names should be at least two alphanumeric characters`.
 */
export class VolumeError extends DrydockError {
  constructor(options: { code: ErrorCode; operation: string; volume: string; reason: string }) {
    super(options.code, `${options.operation} ${options.volume}: ${options.reason}`, {
      data: { ...options },
    });
    this.name = "VolumeError";
  }

  static notFound(name: string): VolumeError {
    return new VolumeError({
      code: "NotFound",
      operation: "get",
      volume: name,
      reason: "no such volume",
    });
  }

  static inUse(name: string, containerIds: readonly string[]): VolumeError {
    return new VolumeError({
      code: "Conflict",
      operation: "remove",
      volume: name,
      reason: `volume is in use - [${containerIds.join(", ")}]`,
    });
  }
}
