import { decompress, dockerdCompression } from "../archive/decompress.ts";
import { sniffCompression } from "../archive/sniff-compression.ts";
import { readTar } from "../archive/tar-reader.ts";
import { formatRfc3339Nano } from "../clock/time-format.ts";
import type { ImportOptions } from "../engine/engine.ts";
import type { JsonMessage } from "../engine/json-message.ts";
import { DrydockError, isDrydockError } from "../errors/drydock-error.ts";
import { EMPTY_CONTAINER_CONFIG } from "../image/container-config.ts";
import {
  archiveTarLimits,
  DEFAULT_DOCKER_ARCHIVE_LIMITS,
} from "../image/docker-archive/docker-archive-limits.ts";
import { imageFromConfig } from "../image/image.ts";
import type { ImageConfig } from "../image/image-config.ts";
import { familiarString, parseNormalizedNamed, trimToName, withTag } from "../image/reference.ts";
import { applyChanges } from "./commit-changes.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logImageEvent } from "./daemon-events.ts";
import { DAEMON_VERSION } from "./system-info.ts";

/**
 * `docker import` (`POST /images/create?fromSrc=-`): a tarball (gzip, bzip2 or xz as dockerd
 * 20.10 decompresses it) becomes a one-layer image whose diff ID is the digest of the tar as
 * given, with an empty config (after `--change`), the comment `Imported from -` (or
 * `--message`) in the image and its one history entry, as dockerd 20.10 writes them. The
 * answer is one status line with the image ID; logs `import`, and `tag` with a repository.
 */
export async function* importImage(
  ctx: DaemonContext,
  archive: Uint8Array,
  options: ImportOptions = {},
): AsyncGenerator<JsonMessage> {
  let reference: ReturnType<typeof parseNormalizedNamed> | undefined;
  if (options.repo !== undefined && options.repo !== "") {
    reference = parseNormalizedNamed(options.repo);
    if (options.tag !== undefined && options.tag !== "")
      reference = withTag(trimToName(reference), options.tag);
  }
  const config = applyChanges(EMPTY_CONTAINER_CONFIG, options.changes ?? []);
  let tar: Uint8Array;
  try {
    tar = decompress(archive, {
      compression: dockerdCompression(sniffCompression(archive)),
      sizeBytesMax: DEFAULT_DOCKER_ARCHIVE_LIMITS.archiveSizeBytesMax,
    });
    readTar(tar, archiveTarLimits(DEFAULT_DOCKER_ARCHIVE_LIMITS));
  } catch (cause) {
    if (!isDrydockError(cause) || cause.code === "LimitExceeded") throw cause;
    // Go's tar reader says only `unexpected EOF` where drydock's says where it ran out.
    const message = cause.message.startsWith("unexpected EOF") ? "unexpected EOF" : cause.message;
    throw new DrydockError("Internal", `Error processing tar file(exit status 1): ${message}`, {
      cause,
      data: {},
    });
  }
  const layer = await ctx.layers.storeTar(tar);
  const createdUs = ctx.clock.nowUs();
  const created = formatRfc3339Nano(createdUs);
  const comment = options.message || "Imported from -";
  const imageConfig: ImageConfig = {
    architecture: "amd64",
    comment,
    config,
    containerConfig: EMPTY_CONTAINER_CONFIG,
    created,
    dockerVersion: DAEMON_VERSION,
    history: [{ created, comment }],
    os: "linux",
    rootfs: { type: "layers", diffIds: [layer.diffId] },
  };
  const image = imageFromConfig(imageConfig);
  await ctx.layers.storeConfig(image.configJson);
  ctx.images.add(image, {});
  logImageEvent(ctx, image.id, "import", image.id);
  if (reference !== undefined) {
    ctx.images.tag(reference, image.id, { timeUs: createdUs });
    logImageEvent(ctx, image.id, "tag", familiarString(reference));
  }
  yield { status: image.id };
}
