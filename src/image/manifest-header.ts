import type { ManifestDialect } from "./descriptor.ts";
import { ImageFormatError } from "./image-format-error.ts";
import type { FieldReader } from "./json-reader.ts";
import { isIndexMediaType, isSchema1MediaType, MediaType } from "./media-types.ts";

/** What the top of a manifest or index says about itself. */
export interface ManifestHeader {
  readonly dialect: ManifestDialect;
  /** The `mediaType` member as written; OCI documents may leave it out. */
  readonly mediaType?: string;
}

/** Limits on manifest-like documents; distribution refuses manifests over 4 MiB. */
export interface ManifestLimits {
  readonly sizeBytesMax: number;
}

/** Default: distribution's 4 MiB. */
export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = Object.freeze({
  sizeBytesMax: 4 * 1024 * 1024,
});

const SCHEMA1_REASON =
  "Docker Image manifest version 2, schema 1 is not supported; push the image again with a current Docker, or convert it to schema 2 or OCI";

const EXPECTED: Readonly<Record<"manifest" | "index", { docker: string; oci: string }>> = {
  manifest: { docker: MediaType.dockerManifest, oci: MediaType.ociManifest },
  index: { docker: MediaType.dockerManifestList, oci: MediaType.ociIndex },
};

/**
 * Checks `schemaVersion` and works out the dialect from the `mediaType` member and the HTTP
 * `Content-Type` (when the document came over the wire). A schema 1 manifest, an unknown
 * schema version, a manifest where an index was expected (or the reverse) and a media type
 * that contradicts the Content-Type are all refused with a message that says which.
 */
export function readManifestHeader(
  reader: FieldReader,
  options: { expected: "manifest" | "index"; contentType?: string },
): ManifestHeader {
  const kind = options.expected;
  const mediaType = reader.string("mediaType");
  const contentType = options.contentType?.split(";")[0]?.trim();
  if ([mediaType, contentType].some((type) => type !== undefined && isSchema1MediaType(type))) {
    throw new ImageFormatError({ kind, field: "mediaType", reason: SCHEMA1_REASON });
  }
  const schemaVersion = reader.raw("schemaVersion");
  if (schemaVersion === 1)
    throw new ImageFormatError({ kind, field: "schemaVersion", reason: SCHEMA1_REASON });
  if (schemaVersion === undefined || schemaVersion === null)
    reader.fail("schemaVersion", "missing");
  if (schemaVersion !== 2)
    reader.fail("schemaVersion", `unsupported schema version ${JSON.stringify(schemaVersion)}`);
  if (mediaType !== undefined && contentType !== undefined && mediaType !== contentType) {
    reader.fail("mediaType", `${mediaType} does not match the Content-Type ${contentType}`);
  }
  const effective = mediaType ?? contentType;
  const expected = EXPECTED[kind];
  if (effective === expected.docker) {
    if (mediaType === undefined)
      reader.fail("mediaType", `missing (a ${kind} of type ${expected.docker} must name it)`);
    return { dialect: "docker", mediaType };
  }
  if (effective !== undefined && effective !== expected.oci) {
    const reason =
      kind === "manifest" && isIndexMediaType(effective)
        ? `${effective} is an index, not an image manifest`
        : `unsupported ${kind} media type ${effective}`;
    reader.fail("mediaType", reason);
  }
  const wrongMember = kind === "manifest" ? "manifests" : "config";
  if (reader.has(wrongMember)) {
    reader.fail(
      wrongMember,
      kind === "manifest"
        ? "expected a manifest but found an index"
        : "expected an index but found a manifest",
    );
  }
  return mediaType === undefined ? { dialect: "oci" } : { dialect: "oci", mediaType };
}
