import { CliError } from "../cli-error.ts";
import { tabwriterFormat } from "../format/tab-writer.ts";
import type { TemplateFunction } from "../go-template/functions.ts";
import { GoTemplate } from "../go-template/go-template.ts";
import type { GoValue } from "../go-template/go-value.ts";
import { TemplateError } from "../go-template/template-error.ts";

/** A `--format` value resolved: the template text and whether it is a table. */
export interface ResolvedFormat {
  readonly table: boolean;
  readonly template: string;
}

/**
 * Docker's formatter `Context.preFormat`: `table` alone means the command's default table,
 * `json` means `{{json .}}`, a `table ` prefix makes a table; spaces around are trimmed and the
 * two-character sequences `\t` and `\n` become a tab and a newline.
 */
export function resolveFormat(format: string, defaultTable: string): ResolvedFormat {
  let text =
    format === "" || format === "table" ? defaultTable : format === "json" ? "{{json .}}" : format;
  const table = text.startsWith("table");
  if (table) text = text.slice("table".length);
  text = text.trim().replaceAll("\\t", "\t").replaceAll("\\n", "\n");
  return { table, template: text };
}

/** docker's `templates.HeaderFunctions`: in a table header these return their first argument. */
const HEADER_FUNCTIONS: ReadonlyMap<string, TemplateFunction> = new Map(
  (
    [
      ["json", ["string"]],
      ["split", ["string", "string"]],
      ["join", ["string", "string"]],
      ["title", ["string"]],
      ["lower", ["string"]],
      ["upper", ["string"]],
      ["pad", ["string", "int", "int"]],
      ["truncate", ["string", "int"]],
    ] as const
  ).map(([name, params]) => [name, { params, call: ([value]: readonly GoValue[]) => value }]),
);

/** Parses a format's template, reporting errors with `prefix` (docker: `template parsing error`). */
export function parseFormat(template: string, prefix = "template parsing error"): GoTemplate {
  try {
    return GoTemplate.parse(template);
  } catch (error) {
    if (error instanceof TemplateError)
      throw new CliError({ status: `${prefix}: ${error.message}`, exitCode: 1 });
    throw error;
  }
}

/**
 * Writes rows through a format as docker's formatter does: each row's template output plus a
 * newline; a table gets a header (the template run on `header` with the header functions,
 * errors ignored) and is aligned by the tabwriter. An execution error stops with
 * `template parsing error: …` (docker's wording even for execution).
 */
export function renderRows(options: {
  readonly format: ResolvedFormat;
  readonly rows: readonly GoValue[];
  readonly header: GoValue;
  readonly template?: GoTemplate;
}): string {
  const template = options.template ?? parseFormat(options.format.template);
  let body = "";
  for (const row of options.rows) {
    try {
      body += `${template.execute(row)}\n`;
    } catch (error) {
      if (error instanceof TemplateError) {
        throw new CliError({ status: `template parsing error: ${error.message}`, exitCode: 1 });
      }
      throw error;
    }
  }
  if (!options.format.table) return body;
  const header = template.withFunctions(HEADER_FUNCTIONS).executePartial(options.header).output;
  return tabwriterFormat(`${header}\n${body}`);
}
