import { base64Decode, base64Encode } from "../client/base64.ts";
import { hmacSha256 } from "./hmac-sha256.ts";

/** What an upload's `_state` query parameter carries (2.8.2's `blobUploadState`). */
export interface UploadState {
  readonly name: string;
  readonly uuid: string;
  readonly offsetBytes: number;
  /** RFC 3339, as 2.8.2 writes it: nanoseconds on the first answer, whole seconds later. */
  readonly startedAt: string;
}

const MAC_BYTES = 32;
/** A state is a few hundred bytes; anything much longer is not one of ours. */
const STATE_LENGTH_MAX = 4096;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Packs a state as 2.8.2 does: base64url (padded) of an HMAC-SHA256 of the JSON followed by
 * the JSON `{"Name","UUID","Offset","StartedAt"}`. The key is the registry's secret, so a
 * client cannot forge an offset; the state is what makes a stale `Location` fail.
 */
export function packUploadState(secret: Uint8Array, state: UploadState): string {
  const json = encoder.encode(
    JSON.stringify({
      Name: state.name,
      UUID: state.uuid,
      Offset: state.offsetBytes,
      StartedAt: state.startedAt,
    }),
  );
  const packed = new Uint8Array(MAC_BYTES + json.length);
  packed.set(hmacSha256(secret, json));
  packed.set(json, MAC_BYTES);
  return base64Encode(packed).replaceAll("+", "-").replaceAll("/", "_");
}

/** Unpacks and checks a state; undefined when missing, malformed or signed with another key. */
export function unpackUploadState(
  secret: Uint8Array,
  text: string | null,
): UploadState | undefined {
  if (text === null || text === "" || text.length > STATE_LENGTH_MAX) return undefined;
  const packed = base64Decode(text);
  if (packed === undefined || packed.length <= MAC_BYTES) return undefined;
  const json = packed.subarray(MAC_BYTES);
  const mac = hmacSha256(secret, json);
  for (let i = 0; i < MAC_BYTES; i++) if (mac[i] !== packed[i]) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(json));
  } catch {
    return undefined;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  const { Name, UUID, Offset, StartedAt } = record;
  if (typeof Name !== "string" || typeof UUID !== "string" || typeof StartedAt !== "string")
    return undefined;
  if (typeof Offset !== "number" || !Number.isSafeInteger(Offset) || Offset < 0) return undefined;
  return { name: Name, uuid: UUID, offsetBytes: Offset, startedAt: StartedAt };
}
