import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { type ImageDocumentKind, ImageFormatError } from "./image-format-error.ts";

/** A JSON document as received: its exact text (for digests) and the parsed value. */
export interface JsonDocument {
  readonly text: string;
  readonly value: unknown;
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes and parses a JSON document, refusing it before any work if it is larger than the
 * limit. Invalid UTF-8 is refused rather than replaced, so that the text re-encodes to exactly
 * the bytes that were hashed.
 */
export function decodeJsonDocument(
  input: Uint8Array | string,
  options: { kind: ImageDocumentKind; sizeBytesMax: number },
): JsonDocument {
  const sizeBytes = typeof input === "string" ? utf8Length(input) : input.length;
  if (sizeBytes > options.sizeBytesMax) {
    throw new LimitExceededError({
      what: `${options.kind} size in bytes`,
      limit: options.sizeBytesMax,
      actual: sizeBytes,
    });
  }
  let text: string;
  try {
    text = typeof input === "string" ? input : UTF8.decode(input);
  } catch (cause) {
    throw new ImageFormatError({ kind: options.kind, reason: "not valid UTF-8", cause });
  }
  try {
    return { text, value: JSON.parse(text) as unknown };
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new ImageFormatError({ kind: options.kind, reason: `not valid JSON (${detail})`, cause });
  }
}

/** The number of bytes `text` takes in UTF-8, without encoding it. */
export function utf8Length(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) length += 1;
    else if (code < 0x800) length += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      length += 4;
      index++;
    } else length += 3;
  }
  return length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Reads the members of one JSON object with Go's tolerance and Go's strictness: a `null`
 * member counts as absent (Go leaves the zero value), a member of the wrong type is an error
 * naming its JSON path.
 */
export class FieldReader {
  readonly kind: ImageDocumentKind;
  readonly path: string;
  readonly #record: Record<string, unknown>;

  constructor(kind: ImageDocumentKind, path: string, value: unknown) {
    this.kind = kind;
    this.path = path;
    if (!isRecord(value))
      throw new ImageFormatError({ kind, field: path, reason: "expected a JSON object" });
    this.#record = value;
  }

  /** The JSON path of a member, for error messages. */
  pathOf(key: string): string {
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  fail(key: string, reason: string, cause?: unknown): never {
    throw new ImageFormatError({ kind: this.kind, field: this.pathOf(key), reason, cause });
  }

  /** True if the member is present, even as `null`. */
  has(key: string): boolean {
    return Object.hasOwn(this.#record, key);
  }

  raw(key: string): unknown {
    return this.has(key) ? this.#record[key] : undefined;
  }

  string(key: string): string | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") this.fail(key, "expected a string");
    return value;
  }

  requiredString(key: string): string {
    const value = this.string(key);
    if (value === undefined) this.fail(key, "missing");
    return value;
  }

  boolean(key: string): boolean | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") this.fail(key, "expected a boolean");
    return value;
  }

  /** A non-negative safe integer (sizes, durations, counts). */
  integer(key: string): number | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.fail(key, "expected a non-negative integer");
    }
    return value;
  }

  /** An array of strings; `null` stays `null` (Go's nil slice), absent is `undefined`. */
  stringArray(key: string): readonly string[] | null | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value)) this.fail(key, "expected an array of strings");
    value.forEach((item, index) => {
      if (typeof item !== "string") this.fail(`${key}[${index}]`, "expected a string");
    });
    return Object.freeze([...(value as string[])]);
  }

  /** Docker's `StrSlice`: an array of strings, or a single string meaning a one-element array. */
  strSlice(key: string): readonly string[] | null | undefined {
    const value = this.raw(key);
    if (typeof value === "string") return Object.freeze([value]);
    return this.stringArray(key);
  }

  /** The keys of an object used as a set (`ExposedPorts`, `Volumes`), sorted. */
  stringSet(key: string): readonly string[] | null | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return value;
    if (!isRecord(value)) this.fail(key, "expected a JSON object");
    for (const [member, item] of Object.entries(value)) {
      if (item !== null && !isRecord(item))
        this.fail(`${key}.${member}`, "expected an empty object");
    }
    return Object.freeze(Object.keys(value).sort());
  }

  /** A string-to-string map (`Labels`, `annotations`). */
  stringMap(key: string): Readonly<Record<string, string>> | null | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return value;
    if (!isRecord(value)) this.fail(key, "expected a JSON object of strings");
    for (const [member, item] of Object.entries(value)) {
      if (typeof item !== "string") this.fail(`${key}.${member}`, "expected a string");
    }
    return Object.freeze(Object.fromEntries(Object.entries(value as Record<string, string>)));
  }

  object(key: string): FieldReader | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return undefined;
    return new FieldReader(this.kind, this.pathOf(key), value);
  }

  array(key: string): readonly unknown[] | null | undefined {
    const value = this.raw(key);
    if (value === undefined || value === null) return value;
    if (!Array.isArray(value)) this.fail(key, "expected an array");
    return value;
  }
}
