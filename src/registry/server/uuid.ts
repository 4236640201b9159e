import type { Rng } from "../../random/rng.ts";

/** A version-4 UUID from an Rng, as 2.8.2 names upload sessions (deterministic here). */
export function newUuid(rng: Rng): string {
  const bytes = rng.bytes(16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
