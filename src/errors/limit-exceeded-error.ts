import { DrydockError } from "./drydock-error.ts";

/** A configured limit was exceeded: layers, sizes, entries, loop counts. Never swallowed. */
export class LimitExceededError extends DrydockError {
  constructor(options: { what: string; limit: number; actual?: number; message?: string }) {
    const actual = options.actual === undefined ? "" : ` (got ${options.actual})`;
    super(
      "LimitExceeded",
      options.message ?? `${options.what} exceeds the limit of ${options.limit}${actual}`,
      {
        data: { what: options.what, limit: options.limit, actual: options.actual },
      },
    );
    this.name = "LimitExceededError";
  }
}
