import { assert } from "../errors/assert.ts";

/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, `undefined` members dropped.
 * Used wherever drydock itself decides the bytes (trace lines, cache keys); never for bytes that
 * must match Docker's, which `goJson` writes.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

const DEPTH_MAX = 256;

function write(value: unknown, depth: number): string {
  assert(depth < DEPTH_MAX, "canonical JSON nested too deeply");
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      assert(Number.isFinite(value), "canonical JSON has no NaN or Infinity");
      return JSON.stringify(value);
    case "bigint":
      return value.toString();
    case "object": {
      if (Array.isArray(value)) {
        return `[${value.map((item) => (item === undefined ? "null" : write(item, depth + 1))).join(",")}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${write(record[key], depth + 1)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode ${typeof value}`);
  }
}
