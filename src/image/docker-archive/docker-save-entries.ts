import { type TarEntry, tarEntry } from "../../archive/tar-entry.ts";
import { parseRfc3339 } from "../../clock/time-format.ts";
import { type Digest, digestHex } from "../../digest/digest.ts";
import { compareUtf8 } from "../../digest/go-json.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { GO_ZERO_TIME } from "../image-config.ts";
import { familiarName, familiarString } from "../reference.ts";
import {
  ARCHIVE_MANIFEST_PATH,
  type ArchiveManifestItem,
  serializeArchiveManifest,
} from "./archive-manifest.ts";
import { REPOSITORIES_PATH, serializeRepositories } from "./repositories-file.ts";
import type { SaveSelection } from "./save-selection.ts";
import { type V1Layer, v1LayersOf } from "./v1-image.ts";

/** The `VERSION` file of every layer directory. */
const LEGACY_VERSION = "1.0";

const encoder = new TextEncoder();

/** A top-level name of the archive with the entries under it, in the order they are written. */
interface RootItem {
  readonly name: string;
  readonly entries: readonly TarEntry[];
}

/**
 * The entries of a legacy (v1.2) `docker save` archive, in the order dockerd's `archive.Tar`
 * walks its temporary directory: top-level names sorted, each layer directory followed by
 * `VERSION`, `json`, `layer.tar`. Files are 0644 and directories 0755, owned by `root`.
 *
 * Times, as dockerd sets them: a layer directory and its files, and the config, carry the
 * image's `created` time (whole seconds; before 1970 or unset → the epoch); the first image to
 * save a layer decides its time. When a layer's diff ID was already saved under another v1 ID,
 * `layer.tar` is a symlink to `../<that id>/layer.tar` and dockerd skips its `Chtimes`, so that
 * directory carries the time of the save (`nowUs`). `manifest.json` and `repositories` (written
 * only when an image is tagged) carry the epoch.
 */
export function dockerSaveEntries(options: {
  readonly selections: readonly SaveSelection[];
  /** The uncompressed tar of a layer, by diff ID. */
  readonly layerTar: (diffId: Digest) => Uint8Array;
  readonly nowUs: number;
}): TarEntry[] {
  const roots: RootItem[] = [];
  const savedV1Ids = new Set<string>();
  const diffIdPaths = new Map<Digest, string>();
  const manifest: ArchiveManifestItem[] = [];
  const repositories: { repository: string; tag: string; v1Id: string }[] = [];
  for (const { image, tags, parent } of options.selections) {
    if (image.layers.length === 0) {
      throw new DrydockError("Unimplemented", "empty export - not implemented", {
        data: { id: image.id },
      });
    }
    const createdUs = chtimesUs(image.config.created);
    const v1Layers = v1LayersOf(
      image.config,
      image.layers.map((layer) => layer.chainId),
    );
    v1Layers.forEach((v1, index) => {
      if (savedV1Ids.has(v1.id)) return;
      savedV1Ids.add(v1.id);
      const diffId = image.layers[index]!.diffId;
      const earlier = diffIdPaths.get(diffId);
      if (earlier === undefined) diffIdPaths.set(diffId, `${v1.id}/layer.tar`);
      roots.push(
        earlier === undefined
          ? layerDirectory(v1, { tar: options.layerTar(diffId), mtimeUs: createdUs })
          : layerDirectory(v1, { linkTarget: `../${earlier}`, mtimeUs: options.nowUs }),
      );
    });
    const configName = `${digestHex(image.id)}.json`;
    roots.push({
      name: configName,
      entries: [file(configName, encoder.encode(image.configJson), createdUs)],
    });
    const topV1Id = v1Layers.at(-1)!.id;
    for (const tag of tags) {
      repositories.push({ repository: familiarName(tag), tag: tag.tag ?? "latest", v1Id: topV1Id });
    }
    manifest.push({
      config: configName,
      repoTags: tags.length === 0 ? null : tags.map(familiarString),
      layers: v1Layers.map((v1) => `${v1.id}/layer.tar`),
      parent,
    });
  }
  if (repositories.length > 0) {
    roots.push({
      name: REPOSITORIES_PATH,
      entries: [file(REPOSITORIES_PATH, encoder.encode(serializeRepositories(repositories)), 0)],
    });
  }
  roots.push({
    name: ARCHIVE_MANIFEST_PATH,
    entries: [file(ARCHIVE_MANIFEST_PATH, encoder.encode(serializeArchiveManifest(manifest)), 0)],
  });
  roots.sort((left, right) => compareUtf8(left.name, right.name));
  return roots.flatMap((root) => root.entries);
}

/** A layer directory: `VERSION`, `json`, and `layer.tar` as the tar itself or a symlink. */
function layerDirectory(
  v1: V1Layer,
  content: { tar: Uint8Array; mtimeUs: number } | { linkTarget: string; mtimeUs: number },
): RootItem {
  const { mtimeUs } = content;
  const layerPath = `${v1.id}/layer.tar`;
  return {
    name: v1.id,
    entries: [
      tarEntry({ path: v1.id, type: "directory", mtimeUs, uname: "root", gname: "root" }),
      file(`${v1.id}/VERSION`, encoder.encode(LEGACY_VERSION), mtimeUs),
      file(`${v1.id}/json`, encoder.encode(v1.json), mtimeUs),
      "tar" in content
        ? file(layerPath, content.tar, mtimeUs)
        : tarEntry({
            path: layerPath,
            type: "symlink",
            linkTarget: content.linkTarget,
            mtimeUs,
            uname: "root",
            gname: "root",
          }),
    ],
  };
}

function file(path: string, data: Uint8Array, mtimeUs: number): TarEntry {
  return tarEntry({ path, type: "file", data, mtimeUs, uname: "root", gname: "root" });
}

/**
 * The mtime moby's `system.Chtimes` gives a file for an image's `created` text: times before
 * the epoch (Go's zero time, when `created` is unset) and after 2262 become the epoch. Times
 * past 2255 (beyond a safe integer of microseconds) are treated as out of range too.
 */
function chtimesUs(created: string | undefined): number {
  const us = parseRfc3339(created ?? GO_ZERO_TIME);
  return us === undefined || us < 0 || !Number.isSafeInteger(us) ? 0 : us;
}
