import { type Digest, digestOf, parseDigest } from "../digest/digest.ts";
import type { DrydockError } from "../errors/drydock-error.ts";
import type { ImageDocumentKind } from "./image-format-error.ts";
import { FieldReader } from "./json-reader.ts";
import { dropUndefined, type Platform, platformJson, readPlatform } from "./platform.ts";

/**
 * A pointer to a blob: what it is (media type), which bytes (digest) and how many. Manifests
 * point at configs and layers with descriptors; indexes point at manifests.
 */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: Digest;
  /** The blob's size in bytes (`size` on the wire). */
  readonly sizeBytes: number;
  /** Where foreign layers can be fetched from. */
  readonly urls?: readonly string[];
  readonly annotations?: Readonly<Record<string, string>>;
  /** In an index: the platform of the manifest this descriptor points at. */
  readonly platform?: Platform;
  /** OCI 1.1: the artifact type of the manifest pointed at. */
  readonly artifactType?: string;
  /** OCI 1.1: the blob itself, base64, embedded. */
  readonly data?: string;
}

/** Which family of JSON a document is written in: Docker's distribution or OCI image-spec. */
export type ManifestDialect = "docker" | "oci";

/** Builds a descriptor for bytes in hand. */
export function descriptorOf(mediaType: string, bytes: Uint8Array): Descriptor {
  return Object.freeze({ mediaType, digest: digestOf(bytes), sizeBytes: bytes.length });
}

/**
 * Reads and validates a descriptor: `mediaType` and `digest` must be present, the digest must
 * be a sha256 digest, `size` a non-negative integer.
 */
export function readDescriptor(
  value: unknown,
  at: { kind: ImageDocumentKind; path: string },
): Descriptor {
  const reader: FieldReader = new FieldReader(at.kind, at.path, value);
  const mediaType = reader.requiredString("mediaType");
  if (mediaType === "") reader.fail("mediaType", "must not be empty");
  const digestText = reader.requiredString("digest");
  let digest: Digest;
  try {
    digest = parseDigest(digestText);
  } catch (cause) {
    reader.fail(
      "digest",
      `${(cause as DrydockError).message}: ${JSON.stringify(digestText)}`,
      cause,
    );
  }
  const sizeBytes = reader.integer("size");
  if (sizeBytes === undefined) reader.fail("size", "missing");
  const platformReader = reader.object("platform");
  const descriptor: Descriptor = {
    mediaType,
    digest,
    sizeBytes,
    urls: reader.stringArray("urls") ?? undefined,
    annotations: reader.stringMap("annotations") ?? undefined,
    platform: platformReader === undefined ? undefined : readPlatform(platformReader),
    artifactType: reader.string("artifactType"),
    data: reader.string("data"),
  };
  return Object.freeze(dropUndefined(descriptor));
}

/**
 * The JSON members of a descriptor in the dialect's Go struct order: Docker's distribution
 * writes `mediaType, size, digest`, OCI's image-spec `mediaType, digest, size`.
 */
export function descriptorJson(
  descriptor: Descriptor,
  dialect: ManifestDialect,
): Record<string, unknown> {
  const urls = nonEmptyArray(descriptor.urls);
  const annotations = annotationsJson(descriptor.annotations);
  const platform =
    descriptor.platform === undefined ? undefined : platformJson(descriptor.platform, dialect);
  if (dialect === "docker") {
    return {
      mediaType: descriptor.mediaType,
      size: descriptor.sizeBytes,
      digest: descriptor.digest,
      urls,
      annotations,
      platform,
    };
  }
  return {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.sizeBytes,
    urls,
    annotations,
    data: descriptor.data === "" ? undefined : descriptor.data,
    platform,
    artifactType: descriptor.artifactType === "" ? undefined : descriptor.artifactType,
  };
}

/** An annotations map as a Go map (sorted keys), omitted when empty. */
export function annotationsJson(
  annotations: Readonly<Record<string, string>> | undefined,
): Map<string, string> | undefined {
  if (annotations === undefined) return undefined;
  const entries = Object.entries(annotations);
  return entries.length === 0 ? undefined : new Map(entries);
}

function nonEmptyArray(value: readonly string[] | undefined): readonly string[] | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/** True if two descriptors name the same blob the same way (media type, digest, size). */
export function sameBlob(left: Descriptor, right: Descriptor): boolean {
  return (
    left.mediaType === right.mediaType &&
    left.digest === right.digest &&
    left.sizeBytes === right.sizeBytes
  );
}
