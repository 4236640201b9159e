import { type Digest, isDigest } from "../../digest/digest.ts";
import { MediaType } from "../../image/media-types.ts";
import { goJsonSyntaxOffset } from "./go-json-syntax.ts";
import { type ErrorEntry, OPAQUE_DETAIL } from "./registry-reply.ts";

/** A platform entry of an index, for 2.8.2's pick of `linux/amd64` for old clients. */
export interface IndexEntry {
  readonly digest: Digest;
  readonly os: string;
  readonly architecture: string;
}

/** What the registry needs to know of a manifest it accepts. */
export interface ManifestPayload {
  readonly mediaType: string;
  readonly blobs: readonly Digest[];
  readonly children: readonly IndexEntry[];
}

/** The four manifest types 2.8.2 stores (schema 1 is refused: its signing is not simulated). */
const IMAGE_TYPES: ReadonlySet<string> = new Set([MediaType.dockerManifest, MediaType.ociManifest]);
const INDEX_TYPES: ReadonlySet<string> = new Set([
  MediaType.dockerManifestList,
  MediaType.ociIndex,
]);

const invalid = (detail: unknown = OPAQUE_DETAIL): { errors: ErrorEntry[] } => ({
  errors: [{ code: "MANIFEST_INVALID", detail }],
});

/** The media type of a `Content-Type`, parameters dropped. */
export function bareMediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

/**
 * Reads a pushed manifest as 2.8.2's unmarshallers do: the `Content-Type` picks the format
 * (anything else is read as schema 1 and fails), the JSON must parse (`{"Offset":n}` as Go
 * reports it), `mediaType` must agree with the type (Docker's formats require it, OCI's allow it
 * absent), and descriptors need valid digests. Every refusal is `MANIFEST_INVALID`.
 */
export function readManifestPayload(
  bytes: Uint8Array,
  contentType: string | undefined,
): ManifestPayload | { errors: ErrorEntry[] } {
  const mediaType = bareMediaType(contentType);
  if (!IMAGE_TYPES.has(mediaType) && !INDEX_TYPES.has(mediaType)) return invalid();
  const offset = goJsonSyntaxOffset(bytes);
  if (offset !== undefined) return invalid({ Offset: offset });
  const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
  if (value === null || typeof value !== "object" || Array.isArray(value)) return invalid();
  const record = value as Record<string, unknown>;
  if (record.schemaVersion !== 2) return invalid();
  const declared = record.mediaType;
  const dockerFormat =
    mediaType === MediaType.dockerManifest || mediaType === MediaType.dockerManifestList;
  if (dockerFormat ? declared !== mediaType : declared !== undefined && declared !== mediaType)
    return invalid();
  if (IMAGE_TYPES.has(mediaType)) {
    const config = readDigest(record.config);
    const layers = Array.isArray(record.layers) ? record.layers.map(readLayer) : undefined;
    if (config === undefined || layers === undefined || layers.includes(undefined))
      return invalid();
    const distributable = layers.filter(
      (layer): layer is Digest => layer !== undefined && layer !== "foreign",
    );
    return { mediaType, blobs: [config, ...distributable], children: [] };
  }
  const entries = Array.isArray(record.manifests) ? record.manifests.map(readEntry) : undefined;
  if (entries === undefined || entries.includes(undefined)) return invalid();
  return { mediaType, blobs: [], children: entries as IndexEntry[] };
}

function readDigest(value: unknown): Digest | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const digest = (value as { digest?: unknown }).digest;
  return typeof digest === "string" && isDigest(digest) ? digest : undefined;
}

/** A layer's digest; foreign layers (fetched from their URLs) are not the registry's to hold. */
function readLayer(value: unknown): Digest | "foreign" | undefined {
  const digest = readDigest(value);
  const layerType = (value as { mediaType?: unknown } | null)?.mediaType;
  if (typeof layerType === "string" && /foreign|nondistributable/.test(layerType)) return "foreign";
  return digest;
}

function readEntry(value: unknown): IndexEntry | undefined {
  const digest = readDigest(value);
  if (digest === undefined) return undefined;
  const platform = (value as { platform?: unknown }).platform as
    | Record<string, unknown>
    | undefined;
  return {
    digest,
    os: typeof platform?.os === "string" ? platform.os : "",
    architecture: typeof platform?.architecture === "string" ? platform.architecture : "",
  };
}
