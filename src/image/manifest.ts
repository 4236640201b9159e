import { type Digest, digestOf } from "../digest/digest.ts";
import { writeGoJson } from "../digest/go-json.ts";
import {
  annotationsJson,
  type Descriptor,
  descriptorJson,
  type ManifestDialect,
  readDescriptor,
} from "./descriptor.ts";
import { ImageFormatError } from "./image-format-error.ts";
import { decodeJsonDocument, FieldReader } from "./json-reader.ts";
import {
  DEFAULT_MANIFEST_LIMITS,
  type ManifestLimits,
  readManifestHeader,
} from "./manifest-header.ts";
import { isImageConfigMediaType, isLayerMediaType, MediaType } from "./media-types.ts";
import { dropUndefined } from "./platform.ts";

/**
 * A single-image manifest: Docker's v2 schema 2 or OCI's image manifest. Both point at one
 * config blob and an ordered list of layer blobs; OCI adds annotations, subject and
 * artifactType, which Docker's format cannot carry.
 */
export interface ImageManifest {
  readonly dialect: ManifestDialect;
  readonly schemaVersion: 2;
  /** As written. Always present in Docker manifests; optional in OCI ones. */
  readonly mediaType?: string;
  readonly artifactType?: string;
  readonly config: Descriptor;
  readonly layers: readonly Descriptor[];
  readonly subject?: Descriptor;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * Parses and validates a manifest. `contentType` is the HTTP Content-Type it arrived with, if
 * any; it must agree with the `mediaType` member and decides the dialect when that is absent.
 */
export function parseManifest(
  input: Uint8Array | string,
  options: { contentType?: string; limits?: ManifestLimits } = {},
): ImageManifest {
  const limits = options.limits ?? DEFAULT_MANIFEST_LIMITS;
  const document = decodeJsonDocument(input, {
    kind: "manifest",
    sizeBytesMax: limits.sizeBytesMax,
  });
  const reader: FieldReader = new FieldReader("manifest", "", document.value);
  const header = readManifestHeader(reader, {
    expected: "manifest",
    contentType: options.contentType,
  });
  if (!reader.has("config") || reader.raw("config") === null) reader.fail("config", "missing");
  const config = readDescriptor(reader.raw("config"), { kind: "manifest", path: "config" });
  const layerValues = reader.array("layers");
  if (layerValues === undefined || layerValues === null) reader.fail("layers", "missing");
  const layers = layerValues.map((value, index) =>
    readDescriptor(value, { kind: "manifest", path: `layers[${index}]` }),
  );
  const subject = reader.raw("subject");
  const manifest: ImageManifest = {
    dialect: header.dialect,
    schemaVersion: 2,
    mediaType: header.mediaType,
    artifactType: reader.string("artifactType"),
    config,
    layers: Object.freeze(layers),
    subject:
      subject === undefined || subject === null
        ? undefined
        : readDescriptor(subject, { kind: "manifest", path: "subject" }),
    annotations: reader.stringMap("annotations") ?? undefined,
  };
  return Object.freeze(dropUndefined(manifest));
}

/** Builds a manifest in a dialect, with the media types that dialect uses for itself. */
export function createManifest(options: {
  dialect: ManifestDialect;
  config: Descriptor;
  layers: readonly Descriptor[];
  annotations?: Readonly<Record<string, string>>;
}): ImageManifest {
  const manifest: ImageManifest = {
    dialect: options.dialect,
    schemaVersion: 2,
    mediaType: options.dialect === "docker" ? MediaType.dockerManifest : MediaType.ociManifest,
    config: options.config,
    layers: Object.freeze([...options.layers]),
    annotations: options.dialect === "oci" ? options.annotations : undefined,
  };
  return Object.freeze(dropUndefined(manifest));
}

/**
 * Serialises a manifest as the tools that write each dialect do: Docker pushes
 * `json.MarshalIndent` with three spaces and no trailing newline; the OCI manifests skopeo and
 * containerd write are compact. `indent` overrides the choice.
 */
export function serializeManifest(
  manifest: ImageManifest,
  options: { indent?: string } = {},
): string {
  const dialect = manifest.dialect;
  const indent = options.indent ?? (dialect === "docker" ? "   " : "");
  const body =
    dialect === "docker"
      ? {
          schemaVersion: manifest.schemaVersion,
          mediaType: manifest.mediaType ?? MediaType.dockerManifest,
          config: descriptorJson(manifest.config, dialect),
          layers: manifest.layers.map((layer) => descriptorJson(layer, dialect)),
        }
      : {
          schemaVersion: manifest.schemaVersion,
          mediaType: manifest.mediaType === "" ? undefined : manifest.mediaType,
          artifactType: manifest.artifactType === "" ? undefined : manifest.artifactType,
          config: descriptorJson(manifest.config, dialect),
          layers: manifest.layers.map((layer) => descriptorJson(layer, dialect)),
          subject:
            manifest.subject === undefined ? undefined : descriptorJson(manifest.subject, dialect),
          annotations: annotationsJson(manifest.annotations),
        };
  return writeGoJson(body, indent);
}

/** The manifest's bytes and their digest, as a registry would store them. */
export function encodeManifest(
  manifest: ImageManifest,
  options: { indent?: string } = {},
): { bytes: Uint8Array; digest: Digest; mediaType: string } {
  const bytes = new TextEncoder().encode(serializeManifest(manifest, options));
  const mediaType = manifest.mediaType ?? MediaType.ociManifest;
  return { bytes, digest: digestOf(bytes), mediaType };
}

/**
 * Checks that a manifest describes a runnable image rather than some other artifact: its
 * config is a Docker or OCI image config and every layer is a layer media type.
 */
export function checkImageManifest(manifest: ImageManifest): void {
  if (!isImageConfigMediaType(manifest.config.mediaType)) {
    throw new ImageFormatError({
      kind: "manifest",
      field: "config.mediaType",
      reason: `unsupported config media type ${manifest.config.mediaType}`,
    });
  }
  manifest.layers.forEach((layer, index) => {
    if (isLayerMediaType(layer.mediaType)) return;
    throw new ImageFormatError({
      kind: "manifest",
      field: `layers[${index}].mediaType`,
      reason: `unsupported layer media type ${layer.mediaType}`,
    });
  });
}
