import { type Digest, parseDigest } from "../../digest/digest.ts";
import { goJsonLine } from "../../digest/go-json.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { decodeJsonDocument } from "../json-reader.ts";
import { dropUndefined } from "../platform.ts";
import { DockerArchiveError } from "./docker-archive-error.ts";

/** The name of the file that lists the images of a `docker save` archive. */
export const ARCHIVE_MANIFEST_PATH = "manifest.json";

/**
 * One image of a `docker save` archive's `manifest.json` (moby's `manifestItem`). Paths are
 * relative to the archive root: `<hex>.json` and `<v1 id>/layer.tar` in the legacy layout,
 * `blobs/sha256/<hex>` in Docker ≥ 25's.
 */
export interface ArchiveManifestItem {
  readonly config: string;
  /** Familiar `name:tag` strings; `null` when the image was saved by ID (Go's nil slice). */
  readonly repoTags: readonly string[] | null;
  readonly layers: readonly string[];
  /** The image this one was built on, when both are in the archive. */
  readonly parent?: Digest;
  /** Foreign (Windows) layers' download descriptors by diff ID, kept as read. */
  readonly layerSources?: Readonly<Record<string, unknown>>;
}

/**
 * `manifest.json` as dockerd writes it: `json.NewEncoder(f).Encode(items)`, so compact, with
 * members `Config, RepoTags, Layers, Parent, LayerSources` (the last two omitted when empty)
 * and a trailing newline.
 */
export function serializeArchiveManifest(items: readonly ArchiveManifestItem[]): string {
  return goJsonLine(
    items.map((item) => ({
      Config: item.config,
      RepoTags: item.repoTags,
      Layers: item.layers,
      Parent: item.parent,
      LayerSources:
        item.layerSources === undefined || Object.keys(item.layerSources).length === 0
          ? undefined
          : new Map(Object.entries(item.layerSources)),
    })),
  );
}

const FIELDS = ["Config", "RepoTags", "Layers", "Parent", "LayerSources"] as const;
type Field = (typeof FIELDS)[number];

/**
 * Parses `manifest.json` with Go's decoder rules: member names match case-insensitively (an
 * exact match first), a later duplicate wins, `null` leaves a member empty, unknown members are
 * ignored, a member of the wrong type is an error.
 */
export function parseArchiveManifest(
  bytes: Uint8Array,
  limits: { sizeBytesMax: number; itemCountMax: number },
): readonly ArchiveManifestItem[] {
  const document = decodeJsonDocument(bytes, {
    kind: "manifest",
    sizeBytesMax: limits.sizeBytesMax,
  });
  const value = document.value;
  if (!Array.isArray(value)) {
    throw formatError(
      `json: cannot unmarshal ${goType(value)} into Go value of type []manifestItem`,
    );
  }
  if (value.length > limits.itemCountMax) {
    throw new LimitExceededError({
      what: "images in manifest.json",
      limit: limits.itemCountMax,
      actual: value.length,
    });
  }
  return Object.freeze(value.map((item, index) => readItem(item, index)));
}

function readItem(value: unknown, index: number): ArchiveManifestItem {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw formatError(`manifest.json[${index}]: expected a JSON object, got ${goType(value)}`);
  }
  const members = new Map<Field, unknown>();
  for (const [key, member] of Object.entries(value)) {
    const field =
      FIELDS.find((name) => name === key) ??
      FIELDS.find((name) => name.toLowerCase() === key.toLowerCase());
    if (field !== undefined) members.set(field, member);
  }
  const at = (field: Field) => `manifest.json[${index}].${field}`;
  const config = stringOf(members.get("Config"), at("Config"));
  if (config === undefined || config === "") throw formatError(`${at("Config")}: missing`);
  const parentText = stringOf(members.get("Parent"), at("Parent"));
  const sources = members.get("LayerSources");
  if (
    sources !== undefined &&
    sources !== null &&
    (typeof sources !== "object" || Array.isArray(sources))
  ) {
    throw formatError(`${at("LayerSources")}: expected a JSON object`);
  }
  const item: ArchiveManifestItem = {
    config,
    repoTags: stringsOf(members.get("RepoTags"), at("RepoTags")),
    layers: stringsOf(members.get("Layers"), at("Layers")) ?? [],
    parent:
      parentText === undefined || parentText === ""
        ? undefined
        : digestOf(parentText, at("Parent")),
    layerSources: (sources ?? undefined) as Readonly<Record<string, unknown>> | undefined,
  };
  return Object.freeze(dropUndefined(item));
}

function stringOf(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw formatError(`${path}: expected a string, got ${goType(value)}`);
  return value;
}

function stringsOf(value: unknown, path: string): readonly string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw formatError(`${path}: expected an array of strings`);
  return Object.freeze(value.map((item, index) => stringOf(item, `${path}[${index}]`) ?? ""));
}

function digestOf(text: string, path: string): Digest {
  try {
    return parseDigest(text);
  } catch (cause) {
    throw formatError(`${path}: ${(cause as Error).message}: ${JSON.stringify(text)}`, cause);
  }
}

/** Go's name for a JSON value's type, as its decoder reports mismatches. */
function goType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value === "object" ? "object" : typeof value;
}

function formatError(message: string, cause?: unknown): DockerArchiveError {
  return new DockerArchiveError({ reason: "format", path: ARCHIVE_MANIFEST_PATH, message, cause });
}
