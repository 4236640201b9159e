import { DrydockError, type ErrorCode } from "../errors/drydock-error.ts";

/** A network operation refused, with dockerd 20.10's wording (see the fixtures README). */
export class NetworkError extends DrydockError {
  constructor(options: { code: ErrorCode; message: string; network: string }) {
    super(options.code, options.message, { data: { network: options.network } });
    this.name = "NetworkError";
  }

  /** `network x not found` (404) */
  static notFound(name: string): NetworkError {
    return new NetworkError({
      code: "NotFound",
      message: `network ${name} not found`,
      network: name,
    });
  }
}
