import { DrydockError } from "../../errors/drydock-error.ts";

/**
 * A template that does not parse or fails while executing, with Go's message
 * (`template: :1: unclosed action`, `template: :1:2: executing "" at <.Nope>: …`). `phase`
 * tells the CLI which prefix docker prints (`failed to parse template:` or `failed to execute
 * template:`).
 */
export class TemplateError extends DrydockError {
  readonly phase: "parse" | "execute";

  constructor(phase: "parse" | "execute", message: string) {
    super("InvalidArgument", message, { data: { phase } });
    this.name = "TemplateError";
    this.phase = phase;
  }
}
