import { type Digest, digestHex, digestOf } from "../../digest/digest.ts";
import { writeGoJson } from "../../digest/go-json.ts";
import { containerConfigJson, EMPTY_CONTAINER_CONFIG } from "../container-config.ts";
import { GO_ZERO_TIME, type ImageConfig, normalizeGoTime } from "../image-config.ts";

/**
 * What dockerd 20.10 gives a layer of `docker save` in place of an image: every layer but the
 * top one gets this, an empty v1 image dated at the Unix epoch (for pre-1.9 clients).
 */
const EPOCH_V1_CONFIG: ImageConfig = Object.freeze({
  architecture: "",
  os: "",
  created: "1970-01-01T00:00:00Z",
  rootfs: { type: "layers", diffIds: [] },
});

const encoder = new TextEncoder();

/**
 * moby's `V1Image` members in Go struct order with their `omitempty` rules: `created` (a
 * `time.Time`) and `container_config` (a struct) are always written, `config` only when set,
 * `Size` keeps Go's field name. `os` is passed separately because dockerd sets it after the ID
 * has been computed, so for lower layers it is in the file but not in the hash.
 */
function v1ImageMembers(
  config: ImageConfig,
  ids: { id?: string; parent?: string; os: string },
): Record<string, unknown> {
  return {
    id: nonEmpty(ids.id),
    parent: nonEmpty(ids.parent ?? config.parent),
    comment: nonEmpty(config.comment),
    created: normalizeGoTime(config.created ?? GO_ZERO_TIME),
    container: nonEmpty(config.container),
    container_config: containerConfigJson(config.containerConfig ?? EMPTY_CONTAINER_CONFIG),
    docker_version: nonEmpty(config.dockerVersion),
    author: nonEmpty(config.author),
    config: config.config === undefined ? undefined : containerConfigJson(config.config),
    architecture: nonEmpty(config.architecture),
    variant: nonEmpty(config.variant),
    os: nonEmpty(ids.os),
    Size: config.sizeBytes === 0 ? undefined : config.sizeBytes,
  };
}

/** One layer directory of a legacy `docker save` archive: its v1 ID and its `json` file. */
export interface V1Layer {
  /** 64 hex digits: the directory name. */
  readonly id: string;
  /** The `json` file's exact text (compact, no trailing newline). */
  readonly json: string;
}

/**
 * The v1 ID and `json` file dockerd 20.10 writes for layer `index` of an image (moby's
 * `v1.CreateID`): the layer's v1 image (the image's own v1 fields for the top layer, the epoch
 * stub for the others) marshalled without its ID, re-marshalled as a map with sorted keys plus
 * `layer_id` (the layer's chain ID) and `parent` (the v1 ID below, `sha256:`-prefixed), hashed.
 * The `json` file carries the same v1 image with `id` and `parent` as bare hex and `os` set.
 */
export function v1LayerOf(options: {
  readonly config: ImageConfig;
  readonly chainId: Digest;
  readonly isTop: boolean;
  /** The v1 ID of the layer below (bare hex), absent for the bottom layer. */
  readonly parentId?: string;
}): V1Layer {
  const source = options.isTop ? options.config : EPOCH_V1_CONFIG;
  const hashed = new Map(
    Object.entries(v1ImageMembers(source, { os: source.os })).filter(
      ([, value]) => value !== undefined,
    ),
  );
  hashed.set("layer_id", options.chainId);
  if (options.parentId !== undefined) hashed.set("parent", `sha256:${options.parentId}`);
  const id = digestHex(digestOf(encoder.encode(writeGoJson(hashed))));
  const json = writeGoJson(
    v1ImageMembers(source, { id, parent: options.parentId, os: options.config.os }),
  );
  return Object.freeze({ id, json });
}

/** The v1 layers of a whole image, bottom first. */
export function v1LayersOf(config: ImageConfig, chainIds: readonly Digest[]): readonly V1Layer[] {
  const out: V1Layer[] = [];
  chainIds.forEach((chainId, index) => {
    out.push(
      v1LayerOf({
        config,
        chainId,
        isTop: index === chainIds.length - 1,
        parentId: out[index - 1]?.id,
      }),
    );
  });
  return Object.freeze(out);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === "" ? undefined : value;
}
