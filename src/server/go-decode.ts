import { DrydockError } from "../errors/drydock-error.ts";

/**
 * A Go type as `encoding/json` decodes into it, for the request bodies dockerd reads: enough to
 * refuse what Go refuses, with Go's message, before a value of the wrong type reaches the engine.
 */
export type GoType =
  | { readonly kind: "string" | "bool" | "any" }
  | { readonly kind: "int"; readonly name: "int" | "int64" | "uint16" | "uint32" | "uint" }
  /** moby's `strslice.StrSlice`: a string is a one-element list. */
  | { readonly kind: "strslice" }
  | { readonly kind: "slice"; readonly of: GoType; readonly name: string }
  | { readonly kind: "map"; readonly of: GoType; readonly name: string }
  | {
      readonly kind: "struct";
      readonly name: string;
      readonly fields: Readonly<Record<string, GoType>>;
    };

/** Shorthands for schemas. */
export const GO = {
  string: { kind: "string" } as GoType,
  bool: { kind: "bool" } as GoType,
  any: { kind: "any" } as GoType,
  int: { kind: "int", name: "int" } as GoType,
  int64: { kind: "int", name: "int64" } as GoType,
  strslice: { kind: "strslice" } as GoType,
  strings: { kind: "slice", of: { kind: "string" }, name: "[]string" } as GoType,
  stringMap: { kind: "map", of: { kind: "string" }, name: "map[string]string" } as GoType,
};

/** Where a value sits: the innermost struct's name and the field path from the top. */
interface Position {
  readonly struct: string;
  readonly path: string;
}

/**
 * Checks `value` against `type` as Go's decoder would, and returns it with struct field names
 * in their canonical spelling (Go matches them case-insensitively) and string `StrSlice`s as
 * lists. Throws dockerd's `json: cannot unmarshal …` error for the first mismatch.
 */
export function decodeGo(value: unknown, type: GoType, options: { status: 400 | 500 }): unknown {
  return decode(value, type, { struct: "", path: "" }, options.status);
}

function decode(value: unknown, type: GoType, at: Position, status: 400 | 500): unknown {
  if (value === null || type.kind === "any") return value;
  const fail = (): never => {
    throw mismatch({ value, type, at, status });
  };
  switch (type.kind) {
    case "string":
      return typeof value === "string" ? value : fail();
    case "bool":
      return typeof value === "boolean" ? value : fail();
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value)) return fail();
      return type.name.startsWith("uint") && value < 0 ? fail() : value;
    case "strslice":
      if (typeof value === "string") return [value];
      return Array.isArray(value) && value.every((item) => typeof item === "string")
        ? value
        : fail();
    case "slice":
      return Array.isArray(value) ? value.map((item) => decode(item, type.of, at, status)) : fail();
    case "map":
      if (typeof value !== "object" || Array.isArray(value)) return fail();
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([key, item]) => [
          key,
          decode(item, type.of, at, status),
        ]),
      );
    case "struct":
      if (typeof value !== "object" || Array.isArray(value)) return fail();
      return decodeStruct(value as Record<string, unknown>, type, at, status);
  }
}

function decodeStruct(
  value: Record<string, unknown>,
  type: Extract<GoType, { kind: "struct" }>,
  at: Position,
  status: 400 | 500,
): Record<string, unknown> {
  const canonical = new Map(Object.keys(type.fields).map((name) => [name.toLowerCase(), name]));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const name = type.fields[key] !== undefined ? key : canonical.get(key.toLowerCase());
    if (name === undefined) {
      out[key] = item;
      continue;
    }
    const field = type.fields[name]!;
    const path = at.path === "" ? name : `${at.path}.${name}`;
    const struct = type.name.replace(/^.*\./, "");
    out[name] = decode(item, field, { struct, path }, status);
  }
  return out;
}

function goTypeName(type: GoType): string {
  switch (type.kind) {
    case "string":
    case "bool":
      return type.kind;
    case "any":
      return "interface {}";
    case "strslice":
      return "strslice.StrSlice";
    case "int":
    case "slice":
    case "map":
    case "struct":
      return type.name;
  }
}

function jsonKind(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? "number" : `number ${value}`;
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "array";
  return typeof value === "string" ? "string" : "object";
}

function mismatch(options: {
  value: unknown;
  type: GoType;
  at: Position;
  status: 400 | 500;
}): DrydockError {
  const { value, type, at, status } = options;
  const kind =
    typeof value === "number" && value < 0 && type.kind === "int"
      ? `number ${value}`
      : jsonKind(value);
  const target =
    at.path === ""
      ? `Go value of type ${goTypeName(type)}`
      : `Go struct field ${at.struct}.${at.path} of type ${goTypeName(type)}`;
  return new DrydockError(
    status === 400 ? "InvalidArgument" : "Internal",
    `json: cannot unmarshal ${kind} into ${target}`,
    {
      data: { field: at.path },
    },
  );
}
