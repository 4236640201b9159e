import { gzip } from "../archive/gzip.ts";
import type { BlobProvider } from "../content/content-store.ts";
import { type Digest, digestHex, digestOf } from "../digest/digest.ts";
import { compareUtf8 } from "../digest/go-json.ts";
import type { Descriptor } from "./descriptor.ts";
import type { Image } from "./image.ts";
import { serializeImageConfig } from "./image-config.ts";
import { type ImageIndex, serializeImageIndex } from "./image-index.ts";
import type { LayoutFile } from "./layout-file.ts";
import { createManifest, serializeManifest } from "./manifest.ts";
import { MediaType, ociMediaTypeOf } from "./media-types.ts";

/** The file that marks a directory as an OCI image layout. */
export const OCI_LAYOUT_PATH = "oci-layout";
/** The layout's entry point: an OCI index of the images it holds. */
export const OCI_INDEX_PATH = "index.json";
/** The layout version drydock writes and reads. */
export const OCI_LAYOUT_VERSION = "1.0.0";
/** The index annotation naming an image inside a layout (`oci:DIR:<name>` in skopeo). */
export const OCI_REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
/** The index annotation containerd and Docker ≥ 25 put on an image's full name. */
export const CONTAINERD_IMAGE_NAME_ANNOTATION = "io.containerd.image.name";

/**
 * `oci-layout` exactly as skopeo (containers/image) writes it: a space after the colon and no
 * trailing newline, unlike Go's compact JSON.
 */
export const OCI_LAYOUT_FILE_TEXT = `{"imageLayoutVersion": "${OCI_LAYOUT_VERSION}"}`;

/** A layout's blob path for a digest: `blobs/sha256/<hex>`. */
export function ociBlobPath(digest: Digest): string {
  return `blobs/sha256/${digestHex(digest)}`;
}

/** One image to put in a layout, and the name it goes under (`ref.name`), if any. */
export interface OciLayoutEntry {
  readonly image: Image;
  readonly refName?: string;
}

/** Compressed layers by diff ID; a `Map` will do. Lets repeated exports skip the gzip. */
export type CompressedLayerCache = Pick<Map<Digest, Uint8Array>, "get" | "set">;

/**
 * Writes images as an OCI image layout, the way `skopeo copy … oci:DIR:name` lays one out:
 * `oci-layout`, `index.json` (compact, no media type, one entry per image in the given order,
 * annotated with `org.opencontainers.image.ref.name`) and `blobs/sha256/*`. Each image becomes
 * an OCI manifest (compact) whose config is the image config in OCI form
 * (`serializeImageConfig(c, "oci")`, which is what skopeo converts Docker configs to) and
 * whose layers are gzip blobs (`application/vnd.oci.image.layer.v1.tar+gzip`, gzip mtime 0). A
 * layer's known compressed blob is reused when the content store has it; otherwise its tar is
 * read from the store under its diff ID and compressed, through `cache` when given. The
 * result lists every file once, sorted by path, ready for a virtual or a real directory.
 */
export async function writeOciLayout(options: {
  readonly images: readonly OciLayoutEntry[];
  readonly content: BlobProvider;
  readonly cache?: CompressedLayerCache;
}): Promise<readonly LayoutFile[]> {
  const blobs = new Map<Digest, Uint8Array>();
  const manifests: Descriptor[] = [];
  const encoder = new TextEncoder();
  const addBlob = (mediaType: string, data: Uint8Array): Descriptor => {
    const digest = digestOf(data);
    blobs.set(digest, data);
    return { mediaType, digest, sizeBytes: data.length };
  };
  for (const { image, refName } of options.images) {
    const layers: Descriptor[] = [];
    for (const layer of image.layers) {
      const blob = await compressedLayer(layer, options);
      layers.push(addBlob(blob.mediaType, blob.data));
    }
    const config = addBlob(
      MediaType.ociConfig,
      encoder.encode(serializeImageConfig(image.config, "oci")),
    );
    const manifest = serializeManifest(createManifest({ dialect: "oci", config, layers }));
    const descriptor = addBlob(MediaType.ociManifest, encoder.encode(manifest));
    manifests.push(
      refName === undefined
        ? descriptor
        : { ...descriptor, annotations: { [OCI_REF_NAME_ANNOTATION]: refName } },
    );
  }
  const index: ImageIndex = { dialect: "oci", schemaVersion: 2, manifests };
  const files: LayoutFile[] = [
    { path: OCI_LAYOUT_PATH, data: encoder.encode(OCI_LAYOUT_FILE_TEXT) },
    { path: OCI_INDEX_PATH, data: encoder.encode(serializeImageIndex(index)) },
    ...[...blobs].map(([digest, data]) => ({ path: ociBlobPath(digest), data })),
  ];
  return Object.freeze(files.sort((left, right) => compareUtf8(left.path, right.path)));
}

async function compressedLayer(
  layer: Image["layers"][number],
  options: { content: BlobProvider; cache?: CompressedLayerCache },
): Promise<{ mediaType: string; data: Uint8Array }> {
  const known = layer.compressed;
  if (known !== undefined && (await options.content.has(known.digest))) {
    return {
      mediaType: ociMediaTypeOf(known.mediaType),
      data: await options.content.read(known.digest),
    };
  }
  let data = options.cache?.get(layer.diffId);
  if (data === undefined) {
    data = gzip(await options.content.read(layer.diffId));
    options.cache?.set(layer.diffId, data);
  }
  return { mediaType: MediaType.ociLayerGzip, data };
}
