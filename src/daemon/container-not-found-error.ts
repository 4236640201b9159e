import { DrydockError } from "../errors/drydock-error.ts";

/** `No such container: <name>`: nothing answers to the name, ID or ID prefix given. */
export class ContainerNotFoundError extends DrydockError {
  constructor(options: { name: string; ambiguous?: boolean }) {
    super("NotFound", `No such container: ${options.name}`, {
      data: { name: options.name, ambiguous: options.ambiguous ?? false },
    });
    this.name = "ContainerNotFoundError";
  }
}
