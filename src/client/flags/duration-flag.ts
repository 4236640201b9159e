import { GoDurationError, parseGoDuration } from "../../builder/dockerfile/go-duration.ts";
import type { FlagSpec } from "../command-spec.ts";
import type { ParsedArgs } from "../parsed-args.ts";

/**
 * pflag's `DurationVar` flag: a Go duration (`1h2m3.5s`, `300ms`, `1.5us`, `2µs`, `-1s`) that
 * help names `duration`. It is kept as the text given and checked when given, so a value Go's
 * `time.ParseDuration` refuses is a flag error in Go's words, as pflag prints it:
 * `invalid argument "abc" for "--health-interval" flag: time: invalid duration "abc"`.
 */
export function durationFlag(
  spec: Pick<FlagSpec, "name" | "usage" | "hidden" | "minApiVersion">,
): FlagSpec {
  return { ...spec, type: "string", valueName: "duration", validate: durationProblem };
}

/** A duration flag's value in nanoseconds; 0 when it was not given. */
export function durationValue(args: ParsedArgs, name: string): number {
  const text = args.string(name);
  // An empty value given on the command line is refused when parsed: "" only means absent.
  return text === "" ? 0 : parseGoDuration(text);
}

function durationProblem(text: string): string | undefined {
  try {
    parseGoDuration(text);
    return undefined;
  } catch (error) {
    if (error instanceof GoDurationError) return error.message;
    throw error;
  }
}
