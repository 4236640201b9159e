import { writeGoJson } from "../digest/go-json.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import {
  annotationsJson,
  type Descriptor,
  descriptorJson,
  type ManifestDialect,
  readDescriptor,
} from "./descriptor.ts";
import { decodeJsonDocument, FieldReader } from "./json-reader.ts";
import {
  DEFAULT_MANIFEST_LIMITS,
  type ManifestLimits,
  readManifestHeader,
} from "./manifest-header.ts";
import { MediaType } from "./media-types.ts";
import {
  DEFAULT_PLATFORM,
  dropUndefined,
  formatPlatform,
  type Platform,
  platformRank,
} from "./platform.ts";

/**
 * A multi-platform image: Docker's manifest list or OCI's image index. Each entry points at a
 * manifest (or, in OCI, another index) and says which platform it is for.
 */
export interface ImageIndex {
  readonly dialect: ManifestDialect;
  readonly schemaVersion: 2;
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly manifests: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Parses and validates a manifest list or OCI index. */
export function parseImageIndex(
  input: Uint8Array | string,
  options: { contentType?: string; limits?: ManifestLimits } = {},
): ImageIndex {
  const limits = options.limits ?? DEFAULT_MANIFEST_LIMITS;
  const document = decodeJsonDocument(input, { kind: "index", sizeBytesMax: limits.sizeBytesMax });
  const reader: FieldReader = new FieldReader("index", "", document.value);
  const header = readManifestHeader(reader, {
    expected: "index",
    contentType: options.contentType,
  });
  const values = reader.array("manifests");
  if (values === undefined || values === null) reader.fail("manifests", "missing");
  const manifests = values.map((value, index) =>
    readDescriptor(value, { kind: "index", path: `manifests[${index}]` }),
  );
  if (header.dialect === "docker") {
    manifests.forEach((entry, index) => {
      if (entry.platform === undefined) reader.fail(`manifests[${index}].platform`, "missing");
    });
  }
  const subject = reader.raw("subject");
  const index: ImageIndex = {
    dialect: header.dialect,
    schemaVersion: 2,
    mediaType: header.mediaType,
    artifactType: reader.string("artifactType"),
    manifests: Object.freeze(manifests),
    subject:
      subject === undefined || subject === null
        ? undefined
        : readDescriptor(subject, { kind: "index", path: "subject" }),
    annotations: reader.stringMap("annotations") ?? undefined,
  };
  return Object.freeze(dropUndefined(index));
}

/** Builds an index in a dialect, with the dialect's own media type. */
export function createImageIndex(options: {
  dialect: ManifestDialect;
  manifests: readonly Descriptor[];
  annotations?: Readonly<Record<string, string>>;
}): ImageIndex {
  const index: ImageIndex = {
    dialect: options.dialect,
    schemaVersion: 2,
    mediaType: options.dialect === "docker" ? MediaType.dockerManifestList : MediaType.ociIndex,
    manifests: Object.freeze([...options.manifests]),
    annotations: options.dialect === "oci" ? options.annotations : undefined,
  };
  return Object.freeze(dropUndefined(index));
}

/**
 * Serialises an index: Docker manifest lists with three-space indentation (as the docker CLI
 * pushes them), OCI indexes compact (as skopeo writes them).
 */
export function serializeImageIndex(index: ImageIndex, options: { indent?: string } = {}): string {
  const dialect = index.dialect;
  const indent = options.indent ?? (dialect === "docker" ? "   " : "");
  const manifests = index.manifests.map((entry) => descriptorJson(entry, dialect));
  const body =
    dialect === "docker"
      ? { schemaVersion: 2, mediaType: index.mediaType ?? MediaType.dockerManifestList, manifests }
      : {
          schemaVersion: 2,
          mediaType: index.mediaType === "" ? undefined : index.mediaType,
          artifactType: index.artifactType === "" ? undefined : index.artifactType,
          manifests,
          subject: index.subject === undefined ? undefined : descriptorJson(index.subject, dialect),
          annotations: annotationsJson(index.annotations),
        };
  return writeGoJson(body, indent);
}

/**
 * The entry that best serves `wanted` (default linux/amd64): an exact variant match first, then
 * the newest older variant it can run (amd64 v3 runs v2 and v1 images), earlier entries winning
 * ties. Entries without a platform (attestations, artifacts) never match.
 */
export function selectPlatformManifest(
  index: ImageIndex,
  wanted: Platform = DEFAULT_PLATFORM,
): Descriptor | undefined {
  let best: { entry: Descriptor; rank: number } | undefined;
  for (const entry of index.manifests) {
    if (entry.platform === undefined) continue;
    const rank = platformRank(entry.platform, wanted);
    if (rank === undefined) continue;
    if (best === undefined || rank < best.rank) best = { entry, rank };
  }
  return best?.entry;
}

/** Like `selectPlatformManifest`, but fails the way dockerd does when nothing matches. */
export function requirePlatformManifest(
  index: ImageIndex,
  wanted: Platform = DEFAULT_PLATFORM,
): Descriptor {
  const entry = selectPlatformManifest(index, wanted);
  if (entry !== undefined) return entry;
  const platform = formatPlatform(wanted);
  throw new DrydockError(
    "NotFound",
    `no matching manifest for ${platform} in the manifest list entries`,
    {
      data: { platform },
    },
  );
}
