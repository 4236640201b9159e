import type { Filters } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";

/** dockerd's `httputils.BoolValue`: anything but empty, `0`, `no`, `false` or `none` is true. */
export function boolParam(query: URLSearchParams, name: string): boolean {
  const value = (query.get(name) ?? "").trim().toLowerCase();
  return !(
    value === "" ||
    value === "0" ||
    value === "no" ||
    value === "false" ||
    value === "none"
  );
}

/** A boolean parameter that is left out when absent, so the engine's default applies. */
export function optionalBoolParam(query: URLSearchParams, name: string): boolean | undefined {
  return query.has(name) ? boolParam(query, name) : undefined;
}

/** An integer parameter (`t`, `h`, `w`, `limit`); absent or empty: undefined; junk: 400. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === "") return undefined;
  if (!/^[+-]?[0-9]{1,15}$/.test(raw)) {
    throw new DrydockError(
      "InvalidArgument",
      `strconv.Atoi: parsing ${JSON.stringify(raw)}: invalid syntax`,
      { data: { name, raw } },
    );
  }
  return Number.parseInt(raw, 10);
}

/** A string parameter; empty counts as absent, as Go's `r.Form.Get` makes no difference. */
export function stringParam(query: URLSearchParams, name: string): string | undefined {
  const value = query.get(name);
  return value === null || value === "" ? undefined : value;
}

/**
 * The `filters` parameter (moby `filters.FromJSON`): `{"key":{"value":true}}`, or the legacy
 * `{"key":["value"]}` form. Values are sorted so listings do not depend on the client's order.
 */
export function filtersParam(query: URLSearchParams): Filters | undefined {
  const raw = query.get("filters");
  if (raw === null || raw === "") return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw invalidFilter(raw, cause);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidFilter(raw);
  }
  const filters: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(parsed as Record<string, unknown>)) {
    if (Array.isArray(values) && values.every((value) => typeof value === "string")) {
      filters[key] = [...values].sort();
    } else if (values !== null && typeof values === "object") {
      filters[key] = Object.entries(values as Record<string, unknown>)
        .filter(([, on]) => on === true)
        .map(([value]) => value)
        .sort();
    } else {
      throw invalidFilter(raw);
    }
  }
  return filters;
}

function invalidFilter(raw: string, cause?: unknown): DrydockError {
  return new DrydockError("InvalidArgument", "invalid filter", { data: { raw }, cause });
}

/** Decodes the base64 (standard or URL alphabet) JSON of `X-Registry-Auth`/`X-Registry-Config`. */
export function base64JsonHeader(value: string | undefined): unknown {
  if (value === undefined || value === "") return undefined;
  try {
    const standard = value.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(standard.padEnd(Math.ceil(standard.length / 4) * 4, "="));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    // dockerd ignores an auth header it cannot decode (the push or pull goes anonymous).
    return undefined;
  }
}
