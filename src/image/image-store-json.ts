import type { Digest } from "../digest/digest.ts";
import { parseDigest } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { type Descriptor, descriptorJson, readDescriptor } from "./descriptor.ts";
import { type Image, imageFromConfigBytes } from "./image.ts";
import { FieldReader } from "./json-reader.ts";
import type { LayerRecord } from "./layer-store.ts";
import { type NamedReference, parseReference } from "./reference.ts";

/** One image in a persisted image store. */
export interface ImageEntryJson {
  readonly id: string;
  /** The config text, exactly as received: its sha256 is `id`. */
  readonly config: string;
  readonly parent?: string;
  readonly lastTagTimeUs?: number;
  /** Known compressed blobs per layer (wire descriptor JSON), `null` where unknown. */
  readonly compressedLayers?: readonly (Record<string, unknown> | null)[];
}

/** A persisted image store: what `ImageStore.toJSON()` writes. */
export interface ImageStoreJson {
  readonly version: 1;
  readonly images: readonly ImageEntryJson[];
  readonly references: readonly { readonly reference: string; readonly id: string }[];
  readonly layers: readonly LayerRecord[];
}

/** The persisted form of one image. */
export function imageEntryJson(
  image: Image,
  state: { parent?: Digest; lastTagTimeUs?: number },
): ImageEntryJson {
  const compressed = image.layers.map((layer) =>
    layer.compressed === undefined ? null : descriptorJson(layer.compressed, "oci"),
  );
  const entry: { -readonly [K in keyof ImageEntryJson]: ImageEntryJson[K] } = {
    id: image.id,
    config: image.configJson,
  };
  if (state.parent !== undefined) entry.parent = state.parent;
  if (state.lastTagTimeUs !== undefined) entry.lastTagTimeUs = state.lastTagTimeUs;
  if (compressed.some((item) => item !== null)) entry.compressedLayers = compressed;
  return entry;
}

/** Persisted state, validated and turned back into values. */
export interface ImageStoreState {
  readonly images: readonly {
    readonly image: Image;
    readonly parent?: Digest;
    readonly lastTagTimeUs?: number;
  }[];
  readonly references: readonly { readonly reference: NamedReference; readonly id: Digest }[];
  readonly layers: readonly LayerRecord[];
}

/**
 * Validates persisted state: shapes, digests, references, and that every config hashes to the
 * ID it is stored under. Anything wrong is reported as `DataLoss` (the data root is damaged).
 */
export function readImageStoreJson(value: unknown): ImageStoreState {
  try {
    return readState(value);
  } catch (cause) {
    if (cause instanceof DrydockError && cause.code === "DataLoss") throw cause;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new DrydockError("DataLoss", `image store state is damaged: ${detail}`, { cause });
  }
}

function readState(value: unknown): ImageStoreState {
  const root: FieldReader = new FieldReader("store state", "", value);
  if (root.raw("version") !== 1) root.fail("version", "unsupported version");
  const images = (root.array("images") ?? []).map((item, index) =>
    readImage(new FieldReader("store state", `images[${index}]`, item)),
  );
  const references = (root.array("references") ?? []).map((item, index) => {
    const entry = new FieldReader("store state", `references[${index}]`, item);
    return {
      reference: parseReference(entry.requiredString("reference"), { dialect: "cli" }),
      id: parseDigest(entry.requiredString("id")),
    };
  });
  const layers = (root.array("layers") ?? []).map((item, index) => {
    const entry = new FieldReader("store state", `layers[${index}]`, item);
    const parent = entry.string("parent");
    const record = {
      chainId: parseDigest(entry.requiredString("chainId")),
      diffId: parseDigest(entry.requiredString("diffId")),
      references: entry.integer("references") ?? 0,
    };
    return Object.freeze(
      parent === undefined ? record : { ...record, parent: parseDigest(parent) },
    );
  });
  return { images, references, layers };
}

function readImage(entry: FieldReader): ImageStoreState["images"][number] {
  const id = parseDigest(entry.requiredString("id"));
  const compressed = (entry.array("compressedLayers") ?? undefined)?.map(
    (item, index): Descriptor | undefined =>
      item === null
        ? undefined
        : readDescriptor(item, {
            kind: "descriptor",
            path: `${entry.path}.compressedLayers[${index}]`,
          }),
  );
  const image = imageFromConfigBytes(entry.requiredString("config"), {
    compressedLayers: compressed,
  });
  if (image.id !== id) {
    throw new DrydockError(
      "DataLoss",
      `image store state: the config stored for ${id} hashes to ${image.id}`,
      {
        data: { id, actual: image.id },
      },
    );
  }
  const parent = entry.string("parent");
  return {
    image,
    parent: parent === undefined ? undefined : parseDigest(parent),
    lastTagTimeUs: entry.integer("lastTagTimeUs"),
  };
}
