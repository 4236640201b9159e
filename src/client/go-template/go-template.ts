import { executeTemplate, executeTemplatePartial } from "./exec.ts";
import { TEMPLATE_FUNCTIONS, type TemplateFunction } from "./functions.ts";
import type { GoValue } from "./go-value.ts";
import { type ParsedTemplate, parseTemplate } from "./parser.ts";
import type { TemplateError } from "./template-error.ts";

/** Options of `GoTemplate.parse`. */
export interface GoTemplateOptions {
  /** Functions beyond Go's and docker's defaults (same names replace them). */
  readonly functions?: ReadonlyMap<string, TemplateFunction>;
  /** The template's name, quoted in errors (docker's formats have none; `version` does). */
  readonly name?: string;
}

/**
 * A Go text/template, parsed once and executed on many values, with the function set the docker
 * CLI installs (`json`, `join`, `split`, `title`, `lower`, `upper`, `pad`, `truncate`).
 *
 * @example
 * GoTemplate.parse("{{.Name}} {{json .Cmd}}").execute({ Name: "x", Cmd: ["sh", "-c"] })
 * // → 'x ["sh","-c"]'
 */
export class GoTemplate {
  readonly source: string;
  readonly #parsed: ParsedTemplate;
  readonly #functions: ReadonlyMap<string, TemplateFunction>;

  private constructor(parsed: ParsedTemplate, functions: ReadonlyMap<string, TemplateFunction>) {
    this.source = parsed.text;
    this.#parsed = parsed;
    this.#functions = functions;
  }

  /** Parses `text`; throws `TemplateError` (phase `parse`) with Go's message. */
  static parse(text: string, options: GoTemplateOptions = {}): GoTemplate {
    const functions = new Map(TEMPLATE_FUNCTIONS);
    for (const [name, fn] of options.functions ?? []) functions.set(name, fn);
    return new GoTemplate(parseTemplate(text, new Set(functions.keys()), options.name), functions);
  }

  /** Runs the template and returns what it wrote before failing, with the error if any. */
  executePartial(
    data: GoValue,
    options: { missingKey?: "invalid" | "error" } = {},
  ): { output: string; error?: TemplateError } {
    return executeTemplatePartial(this.#parsed, data, {
      functions: this.#functions,
      missingKey: options.missingKey ?? "invalid",
    });
  }

  /** A template with the same text but other functions (docker's header functions). */
  withFunctions(functions: ReadonlyMap<string, TemplateFunction>): GoTemplate {
    const merged = new Map(this.#functions);
    for (const [name, fn] of functions) merged.set(name, fn);
    return new GoTemplate(this.#parsed, merged);
  }

  /** Runs the template; throws `TemplateError` (phase `execute`) with Go's message. */
  execute(data: GoValue, options: { missingKey?: "invalid" | "error" } = {}): string {
    return executeTemplate(this.#parsed, data, {
      functions: this.#functions,
      missingKey: options.missingKey ?? "invalid",
    });
  }
}
