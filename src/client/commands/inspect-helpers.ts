import { isDrydockError } from "../../errors/drydock-error.ts";
import { familiarString, parseNormalizedNamed } from "../../image/reference.ts";
import { CliError } from "../cli-error.ts";

/**
 * Parses `REPOSITORY[:TAG]` as the CLI does before calling the daemon; a bad one is
 * `invalid reference format` (exit 1, no daemon prefix).
 */
export function parseRepoTag(text: string): { repo: string; tag?: string } {
  try {
    const named = parseNormalizedNamed(text, { dialect: "cli" });
    if (named.digest !== undefined)
      throw new CliError({
        status: "refusing to create a tag with a digest reference",
        exitCode: 1,
      });
    const repo = familiarString({ ...named, tag: undefined });
    return named.tag === undefined ? { repo } : { repo, tag: named.tag };
  } catch (error) {
    if (error instanceof CliError) throw error;
    if (isDrydockError(error)) throw new CliError({ status: error.message, exitCode: 1 });
    throw error;
  }
}
