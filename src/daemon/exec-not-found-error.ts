import { DrydockError } from "../errors/drydock-error.ts";

/** `No such exec instance: <id>` */
export class ExecNotFoundError extends DrydockError {
  constructor(options: { execId: string }) {
    super("NotFound", `No such exec instance: ${options.execId}`, { data: { ...options } });
    this.name = "ExecNotFoundError";
  }
}
