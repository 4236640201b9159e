import { parseRfc3339 } from "../clock/time-format.ts";
import { type Digest, parseDigest } from "../digest/digest.ts";
import { writeGoJson } from "../digest/go-json.ts";
import {
  type ContainerConfig,
  containerConfigJson,
  EMPTY_CONTAINER_CONFIG,
  ociContainerConfigJson,
  readContainerConfig,
} from "./container-config.ts";
import { decodeJsonDocument, FieldReader } from "./json-reader.ts";
import { dropUndefined } from "./platform.ts";

/** One entry of an image's history: an instruction, with or without a layer of its own. */
export interface HistoryEntry {
  /** RFC 3339 text as written (Docker: nanoseconds, trailing zeros trimmed). */
  readonly created?: string;
  readonly author?: string;
  readonly createdBy?: string;
  readonly comment?: string;
  /** True for instructions that made no layer (ENV, CMD, LABEL…). Never `false`. */
  readonly emptyLayer?: true;
}

/** The layers of an image as uncompressed-content digests, bottom first. */
export interface RootFs {
  readonly type: string;
  readonly diffIds: readonly Digest[];
}

/**
 * An image config, Docker's or OCI's: the platform, the runtime defaults (`config`), the build
 * record (`history`) and the layers' diff IDs. The model is the union of both formats; which
 * members get written depends on the format chosen at serialisation.
 */
export interface ImageConfig {
  readonly architecture: string;
  readonly os: string;
  readonly variant?: string;
  readonly osVersion?: string;
  readonly osFeatures?: readonly string[];
  /** RFC 3339 text as written. */
  readonly created?: string;
  readonly author?: string;
  readonly comment?: string;
  readonly config?: ContainerConfig;
  /** Docker only: the ID of the build container that produced the image. */
  readonly container?: string;
  /** Docker only: that container's config (Docker 20.10 always writes it). */
  readonly containerConfig?: ContainerConfig;
  readonly dockerVersion?: string;
  readonly history?: readonly HistoryEntry[];
  readonly rootfs: RootFs;
  /** Docker legacy members, kept so a config that has them round-trips. */
  readonly parent?: string;
  readonly id?: string;
  readonly sizeBytes?: number;
}

/** The two ways of writing a config. */
export type ImageConfigFormat = "docker" | "oci";

/** Limits on config documents. */
export interface ImageConfigLimits {
  readonly sizeBytesMax: number;
  readonly historyCountMax: number;
  readonly diffIdCountMax: number;
}

/** Defaults: 8 MiB of JSON, 10 000 history entries, 1 000 diff IDs. */
export const DEFAULT_IMAGE_CONFIG_LIMITS: ImageConfigLimits = Object.freeze({
  sizeBytesMax: 8 * 1024 * 1024,
  historyCountMax: 10_000,
  diffIdCountMax: 1_000,
});

/** Go's zero `time.Time`, which Docker writes for a config or history entry with no time. */
export const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

/**
 * Parses and validates an image config (Docker or OCI). Types are checked as Go's decoder
 * checks them; `rootfs` must be present with type `layers` and sha256 diff IDs; timestamps must
 * be RFC 3339. The bytes themselves are not kept here: `Image` keeps them, because an image's
 * identity is the digest of the bytes as received.
 */
export function parseImageConfig(
  input: Uint8Array | string,
  options: { limits?: ImageConfigLimits } = {},
): ImageConfig {
  return parseImageConfigDocument(input, options).config;
}

/** Like `parseImageConfig`, and also returns the exact text that was parsed. */
export function parseImageConfigDocument(
  input: Uint8Array | string,
  options: { limits?: ImageConfigLimits } = {},
): { text: string; config: ImageConfig } {
  const limits = options.limits ?? DEFAULT_IMAGE_CONFIG_LIMITS;
  const document = decodeJsonDocument(input, { kind: "config", sizeBytesMax: limits.sizeBytesMax });
  return {
    text: document.text,
    config: readImageConfig(new FieldReader("config", "", document.value), limits),
  };
}

function readImageConfig(reader: FieldReader, limits: ImageConfigLimits): ImageConfig {
  const containerConfig = reader.object("config");
  const buildConfig = reader.object("container_config");
  const sizeBytes = reader.has("Size") ? reader.integer("Size") : reader.integer("size");
  const config: ImageConfig = {
    architecture: reader.string("architecture") ?? "",
    os: reader.string("os") ?? "",
    variant: reader.string("variant"),
    osVersion: reader.string("os.version"),
    osFeatures: reader.stringArray("os.features") ?? undefined,
    created: readTime(reader, "created"),
    author: reader.string("author"),
    comment: reader.string("comment"),
    config: containerConfig === undefined ? undefined : readContainerConfig(containerConfig),
    container: reader.string("container"),
    containerConfig: buildConfig === undefined ? undefined : readContainerConfig(buildConfig),
    dockerVersion: reader.string("docker_version"),
    history: readHistory(reader, limits),
    rootfs: readRootFs(reader, limits),
    parent: reader.string("parent"),
    id: reader.string("id"),
    sizeBytes,
  };
  return Object.freeze(dropUndefined(config));
}

function readTime(reader: FieldReader, key: string): string | undefined {
  const text = reader.string(key);
  if (text !== undefined && parseRfc3339(text) === undefined)
    reader.fail(key, `not an RFC 3339 time: ${JSON.stringify(text)}`);
  return text;
}

function readHistory(
  reader: FieldReader,
  limits: ImageConfigLimits,
): readonly HistoryEntry[] | undefined {
  const values = reader.array("history");
  if (values === undefined || values === null) return undefined;
  if (values.length > limits.historyCountMax)
    reader.fail("history", `more than ${limits.historyCountMax} entries`);
  return Object.freeze(
    values.map((value, index) => {
      const entry = new FieldReader("config", reader.pathOf(`history[${index}]`), value);
      const history: HistoryEntry = {
        created: readTime(entry, "created"),
        author: entry.string("author"),
        createdBy: entry.string("created_by"),
        comment: entry.string("comment"),
        emptyLayer: entry.boolean("empty_layer") === true ? true : undefined,
      };
      return Object.freeze(dropUndefined(history));
    }),
  );
}

function readRootFs(reader: FieldReader, limits: ImageConfigLimits): RootFs {
  const rootfs: FieldReader | undefined = reader.object("rootfs");
  if (rootfs === undefined) return reader.fail("rootfs", "missing");
  const type = rootfs.requiredString("type");
  if (type !== "layers") rootfs.fail("type", `unsupported rootfs type ${JSON.stringify(type)}`);
  const texts = rootfs.stringArray("diff_ids") ?? [];
  if (texts.length > limits.diffIdCountMax)
    rootfs.fail("diff_ids", `more than ${limits.diffIdCountMax} layers`);
  const diffIds = texts.map((text, index) => {
    try {
      return parseDigest(text);
    } catch (cause) {
      return rootfs.fail(
        `diff_ids[${index}]`,
        `${(cause as Error).message}: ${JSON.stringify(text)}`,
        cause,
      );
    }
  });
  return Object.freeze({ type, diffIds: Object.freeze(diffIds) });
}

/**
 * Serialises a config the way its format's writer does.
 *
 * `docker`: moby marshals its `Image` struct and then re-marshals it through a map, so the top
 * level comes out with sorted keys while nested objects keep Go struct order; `container_config`
 * and `created` are always written (Go cannot omit a struct or a `time.Time`). Parsing a config
 * dockerd wrote and serialising it gives back the same bytes.
 *
 * `oci`: image-spec struct order (`created, author, architecture, variant, os, os.version,
 * os.features, config, rootfs, history`), as skopeo writes when it converts to OCI.
 */
export function serializeImageConfig(
  config: ImageConfig,
  format: ImageConfigFormat = "docker",
): string {
  return writeGoJson(format === "docker" ? dockerConfigJson(config) : ociConfigJson(config));
}

function dockerConfigJson(config: ImageConfig): Map<string, unknown> {
  const members: Record<string, unknown> = {
    architecture: nonEmpty(config.architecture),
    author: nonEmpty(config.author),
    comment: nonEmpty(config.comment),
    config: config.config === undefined ? undefined : containerConfigJson(config.config),
    container: nonEmpty(config.container),
    container_config: containerConfigJson(config.containerConfig ?? EMPTY_CONTAINER_CONFIG),
    created: normalizeGoTime(config.created ?? GO_ZERO_TIME),
    docker_version: nonEmpty(config.dockerVersion),
    history:
      config.history === undefined || config.history.length === 0
        ? undefined
        : config.history.map(dockerHistoryJson),
    id: nonEmpty(config.id),
    os: nonEmpty(config.os),
    "os.features":
      config.osFeatures === undefined || config.osFeatures.length === 0
        ? undefined
        : config.osFeatures,
    "os.version": nonEmpty(config.osVersion),
    parent: nonEmpty(config.parent),
    rootfs: {
      type: config.rootfs.type,
      diff_ids: config.rootfs.diffIds.length === 0 ? undefined : config.rootfs.diffIds,
    },
    Size: config.sizeBytes === 0 ? undefined : config.sizeBytes,
    variant: nonEmpty(config.variant),
  };
  return new Map(Object.entries(members).filter(([, value]) => value !== undefined));
}

function dockerHistoryJson(entry: HistoryEntry): Record<string, unknown> {
  return {
    created: normalizeGoTime(entry.created ?? GO_ZERO_TIME),
    author: nonEmpty(entry.author),
    created_by: nonEmpty(entry.createdBy),
    comment: nonEmpty(entry.comment),
    empty_layer: entry.emptyLayer === true ? true : undefined,
  };
}

function ociConfigJson(config: ImageConfig): Record<string, unknown> {
  return {
    created: config.created === undefined ? undefined : normalizeGoTime(config.created),
    author: nonEmpty(config.author),
    architecture: config.architecture,
    variant: nonEmpty(config.variant),
    os: config.os,
    "os.version": nonEmpty(config.osVersion),
    "os.features":
      config.osFeatures === undefined || config.osFeatures.length === 0
        ? undefined
        : config.osFeatures,
    config: ociContainerConfigJson(config.config),
    rootfs: { type: config.rootfs.type, diff_ids: config.rootfs.diffIds },
    history:
      config.history === undefined || config.history.length === 0
        ? undefined
        : config.history.map(ociHistoryJson),
  };
}

function ociHistoryJson(entry: HistoryEntry): Record<string, unknown> {
  return {
    created: entry.created === undefined ? undefined : normalizeGoTime(entry.created),
    created_by: nonEmpty(entry.createdBy),
    author: nonEmpty(entry.author),
    comment: nonEmpty(entry.comment),
    empty_layer: entry.emptyLayer === true ? true : undefined,
  };
}

/**
 * A timestamp as Go re-marshals it after parsing: RFC3339Nano drops the trailing zeros of the
 * fraction (and the dot if nothing is left). Other spellings are kept as written.
 */
export function normalizeGoTime(text: string): string {
  const match = /^(.*T\d{2}:\d{2}:\d{2})\.(\d{1,9})(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return text;
  const [, seconds, fraction, zone] = match as unknown as [string, string, string, string];
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed === "" ? `${seconds}${zone}` : `${seconds}.${trimmed}${zone}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === "" ? undefined : value;
}
