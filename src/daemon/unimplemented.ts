import { DrydockError } from "../errors/drydock-error.ts";

/** An Engine call drydock's daemon does not do yet; the message names the issue that will. */
export function unimplemented(operation: string, pending: string): DrydockError {
  return new DrydockError(
    "Unimplemented",
    `${operation} is not implemented in drydock yet (${pending})`,
    {
      data: { operation, pending },
    },
  );
}
