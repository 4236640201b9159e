import { goDurationString } from "../../clock/go-duration.ts";
import { parseRfc3339 } from "../../clock/time-format.ts";
import { base64Decode, base64Encode } from "../../registry/client/base64.ts";
import { goTimeString } from "../format/text.ts";
import { goJsonText, quoteJson } from "../go-template/go-json-text.ts";
import { formatValue } from "../go-template/go-print.ts";
import { GoFloat, GoNil, GoStruct, type GoValue } from "../go-template/go-value.ts";

/**
 * Go types as the docker CLI declares them, so that a template sees what Go's `json.Unmarshal`
 * into that type would make, and `{{json .X}}` writes what `json.Marshal` of it writes: fields
 * in declaration order, `omitempty` honoured, embedded structs flattened, fields the daemon did
 * not send written as their zero values, members the type lacks dropped. The CLI decodes
 * every object it inspects this way, so its output follows its own types, not the daemon's.
 */
export type GoType =
  | "string"
  | "int"
  | "bool"
  | "any"
  | "time"
  | "duration"
  | "bytes"
  | { readonly slice: GoType }
  | { readonly array: GoType; readonly length: number }
  | { readonly map: GoType }
  | { readonly set: true }
  | { readonly ptr: GoType }
  | GoStructType;

/** The tag of an embedded (anonymous) field: its fields are promoted and flattened in JSON. */
export const EMBEDDED = "(embedded)";

/**
 * A field: Go name, type, and the json tag as Go writes it (`"Id"`, `",omitempty"`,
 * `"CpuShares"`), or `EMBEDDED`.
 */
export type GoField = readonly [name: string, type: GoType, tag?: string];

/** A struct type: its name, fields in declaration order, and whether it is held by pointer. */
export interface GoStructType {
  readonly struct: string;
  readonly fields: readonly GoField[];
  readonly pointer?: boolean;
}

/** An embedded field of `type` (named after the type, as Go names it). */
export function embed(type: GoStructType): GoField {
  const name = type.struct.slice(type.struct.lastIndexOf(".") + 1);
  return [name, type, EMBEDDED];
}

function isStruct(type: GoType): type is GoStructType {
  return typeof type === "object" && "struct" in type;
}

/** Decodes JSON into `interface{}` values, as docker's raw fallback does (objects become maps). */
export function fromJson(value: unknown): GoValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (Array.isArray(value)) return value.map(fromJson);
  const out: Record<string, GoValue> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>))
    out[key] = fromJson(item);
  return out;
}

/** Decodes JSON into the typed value Go's `json.Unmarshal` would make for `type`. */
export function typedValue(value: unknown, type: GoType): GoValue {
  if (type === "any") return fromJson(value);
  if (type === "string") return typeof value === "string" ? value : "";
  if (type === "int") return typeof value === "number" ? value : 0;
  if (type === "bool") return typeof value === "boolean" ? value : false;
  if (type === "time") return timeValue(value);
  if (type === "duration") return durationValue(typeof value === "number" ? value : 0);
  if (type === "bytes") return bytesValue(value);
  if ("slice" in type) {
    if (!Array.isArray(value)) return new GoNil("slice");
    return value.map((item) => typedValue(item, type.slice));
  }
  if ("array" in type) {
    const items = Array.isArray(value) ? value : [];
    return Array.from({ length: type.length }, (_, index) => typedValue(items[index], type.array));
  }
  if ("map" in type || "set" in type) {
    if (value === null || typeof value !== "object" || Array.isArray(value))
      return new GoNil("map");
    const out: Record<string, GoValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      out[key] =
        "set" in type ? new GoStruct({ typeName: "struct {}" }) : typedValue(item, type.map);
    }
    return out;
  }
  if ("ptr" in type) return scalarPointer(value, type.ptr);
  if (type.pointer === true && (value === null || value === undefined))
    return new GoNil("pointer", `*${type.struct}`);
  return structValue((value ?? {}) as Record<string, unknown>, type);
}

function structValue(object: Record<string, unknown>, type: GoStructType): GoStruct {
  const fields = new Map<string, GoValue>();
  const embedded: string[] = [];
  for (const [name, fieldType, tag] of type.fields) {
    if (tag === EMBEDDED && isStruct(fieldType)) {
      // An embedded struct reads its fields from the same JSON object (Go allocates an
      // embedded pointer as soon as it has something to decode into it).
      embedded.push(name);
      fields.set(name, structValue(object, fieldType));
      continue;
    }
    fields.set(name, typedValue(object[jsonName(name, tag)], fieldType));
  }
  const struct: GoStruct = new GoStruct({
    typeName: type.struct,
    fields,
    embedded,
    pointer: type.pointer === true,
    toJson: () => `{${jsonMembers(type, struct).join(",")}}`,
  });
  return struct;
}

function jsonName(name: string, tag: string | undefined): string {
  if (tag === undefined || tag === EMBEDDED) return name;
  const given = tag.split(",")[0] ?? "";
  return given === "" ? name : given;
}

/** `json.Marshal`'s members of a struct value: declaration order, omitempty, embedded inline. */
function jsonMembers(type: GoStructType, value: GoStruct): string[] {
  const members: string[] = [];
  for (const [name, fieldType, tag] of type.fields) {
    const field = value.fields.get(name);
    if (tag === EMBEDDED && isStruct(fieldType)) {
      if (field instanceof GoStruct) members.push(...jsonMembers(fieldType, field));
      continue;
    }
    if (tag?.split(",").slice(1).includes("omitempty") === true && isEmpty(field)) continue;
    members.push(`${quoteJson(jsonName(name, tag))}:${goJsonText(field)}`);
  }
  return members;
}

/** Go's `isEmptyValue`, which `omitempty` consults: structs are never empty. */
function isEmpty(value: GoValue): boolean {
  if (value === undefined || value === null || value instanceof GoNil) return true;
  if (value === "" || value === 0 || value === false) return true;
  if (value instanceof GoFloat) return value.value === 0;
  if (value instanceof GoStruct) return value.zero;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/** A pointer to a scalar (`*int64`, `*bool`): the value at top level, an address inside. */
function scalarPointer(value: unknown, type: GoType): GoValue {
  if (value === null || value === undefined)
    return new GoNil("pointer", typeof type === "string" ? `*${type}` : undefined);
  const target = typedValue(value, type);
  return new GoStruct({
    typeName: typeof type === "string" ? type : "struct",
    pointer: true,
    text: formatValue(target),
    toJson: () => goJsonText(target),
  });
}

function durationValue(nanoseconds: number): GoStruct {
  return new GoStruct({
    typeName: "time.Duration",
    text: goDurationString(nanoseconds),
    toJson: () => String(nanoseconds),
    zero: nanoseconds === 0,
  });
}

/** A `[]byte`: JSON carries it as base64, `%v` prints the bytes. */
function bytesValue(value: unknown): GoValue {
  if (typeof value !== "string") return new GoNil("slice");
  const bytes = base64Decode(value) ?? new Uint8Array();
  return new GoStruct({
    typeName: "[]uint8",
    text: `[${bytes.join(" ")}]`,
    toJson: () => quoteJson(base64Encode(bytes)),
    zero: bytes.length === 0,
  });
}

/** A `time.Time`: `%v` prints its `String()`; JSON writes RFC 3339 with the fraction trimmed. */
function timeValue(value: unknown): GoValue {
  const text = typeof value === "string" ? value : "0001-01-01T00:00:00Z";
  const instant = parseRfc3339(text);
  const fraction = /\.(\d+)/.exec(text)?.[1]?.replace(/0+$/, "") ?? "";
  const shown =
    instant === undefined || text.startsWith("0001-")
      ? "0001-01-01 00:00:00 +0000 UTC"
      : goTimeString(instant - (((instant % 1_000_000) + 1_000_000) % 1_000_000), fraction);
  const marshalled = text.replace(/\.(\d*?)0+(?=[Z+-])/, (_, digits: string) =>
    digits === "" ? "" : `.${digits}`,
  );
  return new GoStruct({
    typeName: "time.Time",
    text: shown,
    toJson: () => quoteJson(marshalled),
  });
}
