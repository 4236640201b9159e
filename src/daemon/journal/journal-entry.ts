import { digestOf } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";

/**
 * One interaction of a client with the engine, as the journal keeps it: which call (or which
 * operation on a stream or an attach session a call returned), made when exactly `fired` events
 * of the world's event loop had fired, at simulated time `tUs`.
 *
 * Why a journal: a container's process cannot be written to disk, yet between two `drydock`
 * commands a container started with `run -d` must still be running (time only stands still).
 * The world is a deterministic function of its seed and of its inputs, so the embedded engine
 * keeps the last state in which nothing was running, plus every interaction since, and rebuilds
 * the live world by replaying them.
 */
export type JournalEntry =
  | {
      readonly kind: "call";
      readonly fired: number;
      readonly tUs: number;
      readonly method: string;
      readonly args: readonly EncodedValue[];
      /** The number later entries use to refer to the stream or session this call returns. */
      readonly handle: number;
    }
  | {
      readonly kind: "next" | "return" | "closeStdin" | "close";
      readonly fired: number;
      readonly tUs: number;
      readonly handle: number;
    }
  | {
      readonly kind: "stdin";
      readonly fired: number;
      readonly tUs: number;
      readonly handle: number;
      readonly data: EncodedValue;
    };

/**
 * JSON, with byte arrays replaced by `{ "$bytes": digest }` references to blobs and an
 * `undefined` array item by `{ "$undefined": true }` (`null` stays `null`: the API tells them apart).
 */
export type EncodedValue =
  | null
  | boolean
  | number
  | string
  | readonly EncodedValue[]
  | { readonly [key: string]: EncodedValue };

/** The end of a journal: where the world stood when the last command closed. */
export interface JournalEnd {
  readonly fired: number;
  readonly tUs: number;
}

const BYTES = "$bytes";
const UNDEFINED = "$undefined";

/** Encodes call arguments; byte arrays go to `blobs` under their digest. */
export function encodeValue(value: unknown, blobs: Map<string, Uint8Array>): EncodedValue {
  if (value === null) return null;
  if (value === undefined) return { [UNDEFINED]: true };
  if (value instanceof Uint8Array) {
    const digest = digestOf(value);
    blobs.set(digest, value);
    return { [BYTES]: digest };
  }
  if (Array.isArray(value)) return value.map((item) => encodeValue(item, blobs));
  switch (typeof value) {
    case "boolean":
    case "number":
    case "string":
      return value;
    case "object": {
      const out: Record<string, EncodedValue> = {};
      for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
        if (member !== undefined) setOwn(out, key, encodeValue(member, blobs));
      }
      return out;
    }
    default:
      throw new DrydockError("Internal", `the journal cannot record a ${typeof value} argument`);
  }
}

/** The inverse of `encodeValue`. */
export function decodeValue(value: EncodedValue, blobs: ReadonlyMap<string, Uint8Array>): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item) => decodeValue(item, blobs));
  if (typeof value !== "object") return value;
  const record = value as { readonly [key: string]: EncodedValue };
  if (record[UNDEFINED] === true && Object.keys(record).length === 1) return undefined;
  const reference = record[BYTES];
  if (typeof reference === "string" && Object.keys(record).length === 1) {
    const bytes = blobs.get(reference);
    if (bytes === undefined) {
      throw new DrydockError("DataLoss", `the journal refers to a missing blob ${reference}`);
    }
    return bytes;
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(record)) setOwn(out, key, decodeValue(member, blobs));
  return out;
}

/** Sets an own member, even one named `__proto__` (a label key, say), which `=` would not. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
