import { formatRfc3339Nano } from "../clock/time-format.ts";
import { type Digest, digestOf } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { chainIds } from "./chain-id.ts";
import { type ContainerConfig, EMPTY_CONTAINER_CONFIG } from "./container-config.ts";
import type { Descriptor } from "./descriptor.ts";
import {
  type HistoryEntry,
  type ImageConfig,
  type ImageConfigLimits,
  parseImageConfig,
  parseImageConfigDocument,
  serializeImageConfig,
} from "./image-config.ts";
import { utf8Length } from "./json-reader.ts";
import { MediaType } from "./media-types.ts";
import { dropUndefined } from "./platform.ts";

/** One layer of an image: its uncompressed digest, its chain ID and, when known, a compressed blob. */
export interface ImageLayer {
  readonly diffId: Digest;
  readonly chainId: Digest;
  /** A compressed blob known to hold this layer (from a pull, or from a previous push). */
  readonly compressed?: Descriptor;
}

/**
 * An image as a value: the config text exactly as received or created, its parsed form, its ID
 * and its layers. Frozen all the way down; the functions below return new images and never
 * change their input. The ID is the sha256 of the config bytes, so a config drydock did not
 * create is never re-serialised.
 */
export interface Image {
  readonly id: Digest;
  readonly configJson: string;
  readonly config: ImageConfig;
  readonly layers: readonly ImageLayer[];
}

/** dockerd refuses images deeper than this (`max depth exceeded`). */
export const IMAGE_LAYER_COUNT_MAX = 125;

const encoder = new TextEncoder();

/**
 * Makes an image from config bytes as received (a pull, a `docker load`): the bytes are kept
 * and hashed as they are. `compressedLayers`, if given, are the manifest's layer descriptors and
 * must line up one to one with the config's diff IDs.
 */
export function imageFromConfigBytes(
  input: Uint8Array | string,
  options: {
    compressedLayers?: readonly (Descriptor | undefined)[];
    limits?: ImageConfigLimits;
  } = {},
): Image {
  const document = parseImageConfigDocument(input, { limits: options.limits });
  return buildImage(document.text, document.config, options.compressedLayers);
}

/** Makes an image from a config drydock built: serialised in Docker's format. */
export function imageFromConfig(
  config: ImageConfig,
  options: { compressedLayers?: readonly (Descriptor | undefined)[] } = {},
): Image {
  const configJson = serializeImageConfig(config, "docker");
  return buildImage(configJson, parseImageConfig(configJson), options.compressedLayers);
}

function buildImage(
  configJson: string,
  config: ImageConfig,
  compressed: readonly (Descriptor | undefined)[] | undefined,
): Image {
  const diffIds = config.rootfs.diffIds;
  if (compressed !== undefined && compressed.length !== diffIds.length) {
    throw new DrydockError(
      "InvalidArgument",
      "layers from manifest don't match image configuration",
      {
        data: { manifestLayerCount: compressed.length, diffIdCount: diffIds.length },
      },
    );
  }
  const chains = chainIds(diffIds);
  const layers = diffIds.map((diffId, index) => {
    const layer: ImageLayer = { diffId, chainId: chains[index]!, compressed: compressed?.[index] };
    return Object.freeze(dropUndefined(layer));
  });
  const id = digestOf(encoder.encode(configJson));
  return Object.freeze({ id, configJson, config, layers: Object.freeze(layers) });
}

/** The config bytes whose sha256 is the image ID. */
export function configBytes(image: Image): Uint8Array {
  return encoder.encode(image.configJson);
}

/** A descriptor of the config blob, for a manifest (Docker's config media type unless told). */
export function configDescriptor(
  image: Image,
  mediaType: string = MediaType.dockerConfig,
): Descriptor {
  return Object.freeze({ mediaType, digest: image.id, sizeBytes: utf8Length(image.configJson) });
}

/** What a builder step records in the history; the time is passed in, never read from a clock. */
export interface HistoryInput {
  readonly createdUs: number;
  readonly createdBy?: string;
  readonly author?: string;
  readonly comment?: string;
}

function historyEntry(input: HistoryInput, emptyLayer: boolean): HistoryEntry {
  const entry: HistoryEntry = {
    created: formatRfc3339Nano(input.createdUs),
    author: input.author,
    createdBy: input.createdBy,
    comment: input.comment,
    emptyLayer: emptyLayer ? true : undefined,
  };
  return dropUndefined(entry);
}

/**
 * A new image with one more layer on top and its history entry. The image's `created` becomes
 * the entry's time, as dockerd's commit does.
 */
export function appendLayer(
  image: Image,
  layer: { diffId: Digest; history: HistoryInput; compressed?: Descriptor },
): Image {
  const count = image.layers.length + 1;
  if (count > IMAGE_LAYER_COUNT_MAX) {
    throw new LimitExceededError({
      what: "layers",
      limit: IMAGE_LAYER_COUNT_MAX,
      actual: count,
      message: "max depth exceeded",
    });
  }
  const config: ImageConfig = {
    ...image.config,
    created: formatRfc3339Nano(layer.history.createdUs),
    history: [...(image.config.history ?? []), historyEntry(layer.history, false)],
    rootfs: { ...image.config.rootfs, diffIds: [...image.config.rootfs.diffIds, layer.diffId] },
  };
  return imageFromConfig(config, {
    compressedLayers: [...image.layers.map((item) => item.compressed), layer.compressed],
  });
}

/** A new image with a history entry for an instruction that made no layer (`empty_layer: true`). */
export function appendEmptyLayerHistory(image: Image, history: HistoryInput): Image {
  const config: ImageConfig = {
    ...image.config,
    created: formatRfc3339Nano(history.createdUs),
    history: [...(image.config.history ?? []), historyEntry(history, true)],
  };
  return imageFromConfig(config, { compressedLayers: image.layers.map((item) => item.compressed) });
}

/** Changes to an image config that keep its layers and history. */
export interface ImageConfigPatch {
  readonly architecture?: string;
  readonly os?: string;
  readonly variant?: string;
  readonly author?: string;
  readonly comment?: string;
  readonly createdUs?: number;
  /** Merged member by member over the current runtime config (or the empty one). */
  readonly config?: Partial<ContainerConfig>;
  readonly container?: string;
  /** Merged member by member over the current build-container config (or the empty one). */
  readonly containerConfig?: Partial<ContainerConfig>;
  readonly dockerVersion?: string;
}

/** A new image with `patch` applied to its config. Layers and history are untouched. */
export function withConfig(image: Image, patch: ImageConfigPatch): Image {
  const { createdUs, config: runtime, containerConfig: build, ...members } = patch;
  const base = image.config;
  const config: ImageConfig = {
    ...base,
    ...dropUndefined(members),
    created: createdUs === undefined ? base.created : formatRfc3339Nano(createdUs),
    config:
      runtime === undefined
        ? base.config
        : { ...(base.config ?? EMPTY_CONTAINER_CONFIG), ...runtime },
    containerConfig:
      build === undefined
        ? base.containerConfig
        : { ...(base.containerConfig ?? EMPTY_CONTAINER_CONFIG), ...build },
  };
  return imageFromConfig(config, { compressedLayers: image.layers.map((item) => item.compressed) });
}

/**
 * The same image with known compressed blobs for its layers (after a push or a pull). The ID
 * does not change: compressed digests are not part of the config.
 */
export function withCompressedLayers(
  image: Image,
  compressed: readonly (Descriptor | undefined)[],
): Image {
  return buildImage(image.configJson, image.config, compressed);
}

/**
 * The base of `FROM scratch`: no layers, no history, linux/amd64 unless told otherwise. dockerd
 * has no such image in its store; the builder starts from this value and adds to it.
 */
export function scratchImage(
  options: { createdUs?: number; architecture?: string; os?: string; variant?: string } = {},
): Image {
  const config: ImageConfig = {
    architecture: options.architecture ?? "amd64",
    os: options.os ?? "linux",
    variant: options.variant,
    created: options.createdUs === undefined ? undefined : formatRfc3339Nano(options.createdUs),
    rootfs: { type: "layers", diffIds: [] },
  };
  return imageFromConfig(dropUndefined(config));
}
