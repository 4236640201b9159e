import type { Filters } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";

/** Refuses keys a listing does not know: `Invalid filter '<key>'`, as dockerd does. */
export function checkFilterKeys(filters: Filters, accepted: readonly string[]): void {
  for (const key of Object.keys(filters).sort()) {
    if (!accepted.includes(key)) throw invalidFilter(key);
  }
}

/** `Invalid filter '<text>'` (InvalidArgument). */
export function invalidFilter(text: string): DrydockError {
  return new DrydockError("InvalidArgument", `Invalid filter '${text}'`, {
    data: { filter: text },
  });
}

/** The values given for `key` (empty when the key is absent). */
export function filterValues(filters: Filters, key: string): readonly string[] {
  return filters[key] ?? [];
}

/** Whether any value of `key` satisfies `match`; true when the key is absent. */
export function anyValue(
  filters: Filters,
  key: string,
  match: (value: string) => boolean,
): boolean {
  const values = filterValues(filters, key);
  return values.length === 0 || values.some(match);
}

/** A boolean filter (`dangling=true`): `true`/`1` or `false`/`0`, else `Invalid filter 'k=[v]'`. */
export function booleanFilter(filters: Filters, key: string): boolean | undefined {
  const values = filterValues(filters, key);
  if (values.length === 0) return undefined;
  const parsed = values.map((value) => {
    const lower = value.toLowerCase();
    if (lower === "true" || lower === "1") return true;
    if (lower === "false" || lower === "0") return false;
    throw invalidFilter(`${key}=[${values.join(" ")}]`);
  });
  return parsed.some((value) => value);
}

/** `label=key` or `label=key=value` against a set of labels. */
export function labelMatches(
  labels: Readonly<Record<string, string>> | null,
  filter: string,
): boolean {
  const equals = filter.indexOf("=");
  const key = equals < 0 ? filter : filter.slice(0, equals);
  const value = labels?.[key];
  if (value === undefined) return false;
  return equals < 0 || value === filter.slice(equals + 1);
}

/** Every `label` filter must match (dockerd ANDs label filters). */
export function allLabelsMatch(
  filters: Filters,
  labels: Readonly<Record<string, string>> | null,
): boolean {
  return filterValues(filters, "label").every((filter) => labelMatches(labels, filter));
}

/** A `name` filter value is a regular expression; an invalid one matches nothing. */
export function regexMatches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern).test(text);
  } catch {
    return false;
  }
}
