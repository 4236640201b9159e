import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A scenario file that cannot be used: it names the file, the place in the document
 * (`steps[3].expect.exit`) and what was expected there, so a hand-written file is quick to fix.
 */
export class ScenarioError extends DrydockError {
  constructor(options: { file: string; path: string; message: string }) {
    const where = options.path === "" ? options.file : `${options.file}: ${options.path}`;
    super("InvalidArgument", `${where}: ${options.message}`, {
      data: { file: options.file, path: options.path },
    });
    this.name = "ScenarioError";
  }
}
