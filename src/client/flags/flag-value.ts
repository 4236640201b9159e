import type { FlagSpec } from "../command-spec.ts";
import type { FlagValue } from "../parsed-args.ts";

/** A flag value converted from text, or pflag's reason why it is not one. */
export type Converted =
  | { readonly ok: true; readonly value: FlagValue }
  | { readonly ok: false; readonly error: string };

const TRUE_WORDS = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE_WORDS = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/** Go's `strconv.ParseBool`. */
export function parseGoBool(text: string): boolean | undefined {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

/** Go's `strconv.ParseInt(text, 0, 64)` restricted to safe integers; undefined if invalid. */
export function parseGoInt(text: string): number | "range" | undefined {
  const match = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[0-9][0-9_]*)$/.exec(text);
  if (match === null || text.includes("__") || text.endsWith("_")) return undefined;
  const [, sign = "", digits = ""] = match;
  const clean = digits.replaceAll("_", "");
  let value: bigint;
  if (/^0[xX]/.test(clean)) value = BigInt(clean);
  else if (/^0[bB]/.test(clean)) value = BigInt(clean);
  else if (/^0[oO]/.test(clean)) value = BigInt(`0o${clean.slice(2)}`);
  else if (clean.length > 1 && clean.startsWith("0")) value = BigInt(`0o${clean.slice(1)}`);
  else value = BigInt(clean);
  if (sign === "-") value = -value;
  if (value > 9_223_372_036_854_775_807n || value < -9_223_372_036_854_775_808n) return "range";
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
    return "range";
  return Number(value);
}

/** Converts one occurrence of a flag; `previous` is the value so far (lists accumulate). */
export function convertFlagValue(
  flag: FlagSpec,
  text: string,
  previous: FlagValue | undefined,
): Converted {
  const problem = flag.validate?.(text);
  if (problem !== undefined) return { ok: false, error: problem };
  switch (flag.type) {
    case "bool": {
      const value = parseGoBool(text);
      return value === undefined
        ? { ok: false, error: `strconv.ParseBool: parsing ${JSON.stringify(text)}: invalid syntax` }
        : { ok: true, value };
    }
    case "int": {
      const value = parseGoInt(text);
      if (value === undefined) {
        return {
          ok: false,
          error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`,
        };
      }
      if (value === "range") {
        return {
          ok: false,
          error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range`,
        };
      }
      return { ok: true, value };
    }
    case "string":
      return { ok: true, value: text };
    case "filter":
      if (!text.includes("="))
        return { ok: false, error: "bad format of filter (expected name=value)" };
      return { ok: true, value: [...listOf(previous), text] };
    case "list":
    case "stringArray":
      return { ok: true, value: [...listOf(previous), text] };
  }
}

function listOf(value: FlagValue | undefined): readonly string[] {
  return Array.isArray(value) ? value : [];
}
