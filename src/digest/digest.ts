import { DrydockError } from "../errors/drydock-error.ts";
import { sha256Hex } from "./sha256.ts";

/**
 * A content digest as OCI writes it, `sha256:` followed by 64 lower-case hex digits. The brand
 * keeps arbitrary strings from being passed where a checked digest is expected.
 */
export type Digest = string & { readonly __digest: unique symbol };

const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;
/** The general OCI grammar, for digests of algorithms drydock does not compute. */
const ANY_DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export function isDigest(value: string): value is Digest {
  return DIGEST_PATTERN.test(value);
}

/** Parses a digest string, with the error text registries and dockerd use for a bad one. */
export function parseDigest(value: string): Digest {
  if (isDigest(value)) return value;
  const reason = ANY_DIGEST_PATTERN.test(value)
    ? value.startsWith("sha256:")
      ? "invalid checksum digest length"
      : "unsupported digest algorithm"
    : "invalid checksum digest format";
  throw new DrydockError("InvalidArgument", reason, { data: { digest: value } });
}

export function digestOf(bytes: Uint8Array): Digest {
  return `sha256:${sha256Hex(bytes)}` as Digest;
}

export function digestFromHex(hex: string): Digest {
  return parseDigest(`sha256:${hex}`);
}

/** The 64 hex digits without the algorithm prefix. */
export function digestHex(digest: Digest): string {
  return digest.slice("sha256:".length);
}

/** The 12-digit short form Docker prints for IDs (`9af700bc989c`). */
export function shortId(digestOrHex: string): string {
  const hex = digestOrHex.startsWith("sha256:") ? digestOrHex.slice(7) : digestOrHex;
  return hex.slice(0, 12);
}

/** Thrown when bytes do not hash to the digest they were stored or announced under. */
export class DigestMismatchError extends DrydockError {
  constructor(options: { expected: string; actual: string; what?: string }) {
    const what = options.what ?? "content";
    super(
      "DataLoss",
      `${what}: digest mismatch: expected ${options.expected}, got ${options.actual}`,
      {
        data: { expected: options.expected, actual: options.actual, what },
      },
    );
    this.name = "DigestMismatchError";
  }
}

/** Verifies `bytes` against `expected`; a pair assertion for every blob write and read. */
export function verifyDigest(bytes: Uint8Array, expected: Digest, what?: string): void {
  const actual = digestOf(bytes);
  if (actual !== expected) throw new DigestMismatchError({ expected, actual, what });
}
