import type { FlagSpec } from "../command-spec.ts";

const TEMPLATE_LINES =
  "'TEMPLATE':         Print output using the given Go template.\n" +
  "Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/** `--format` of listing commands (table, table TEMPLATE, json, TEMPLATE). */
export const FORMAT_TABLE_FLAG: FlagSpec = {
  name: "format",
  type: "string",
  usage:
    "Format output using a custom template:\n" +
    "'table':            Print output in table format with column headers (default)\n" +
    "'table TEMPLATE':   Print output in table format using the given Go template\n" +
    "'json':             Print in JSON format\n" +
    TEMPLATE_LINES,
};

/** `-f, --format` of inspect commands (json, TEMPLATE). */
export const FORMAT_INSPECT_FLAG: FlagSpec = {
  name: "format",
  short: "f",
  type: "string",
  usage:
    "Format output using a custom template:\n'json':             Print in JSON format\n" +
    TEMPLATE_LINES,
};

/** `-f, --filter` of listing commands. */
export function filterFlag(usage: string): FlagSpec {
  return { name: "filter", short: "f", type: "filter", usage };
}

/** `-q, --quiet`. */
export function quietFlag(usage: string): FlagSpec {
  return { name: "quiet", short: "q", type: "bool", usage };
}

/** `--no-trunc`. */
export const NO_TRUNC_FLAG: FlagSpec = {
  name: "no-trunc",
  type: "bool",
  usage: "Don't truncate output",
};

/** `-f, --force` of prune commands. */
export const PRUNE_FORCE_FLAG: FlagSpec = {
  name: "force",
  short: "f",
  type: "bool",
  usage: "Do not prompt for confirmation",
};
