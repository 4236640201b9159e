import { writeTar } from "../archive/tar-writer.ts";
import { formatRfc3339Nano } from "../clock/time-format.ts";
import { digestOf } from "../digest/digest.ts";
import type { CommitOptions } from "../engine/engine.ts";
import { imageFromConfig, scratchImage } from "../image/image.ts";
import type { ImageConfig } from "../image/image-config.ts";
import { dropUndefined } from "../image/platform.ts";
import { familiarString, parseNormalizedNamed, trimToName, withTag } from "../image/reference.ts";
import { applyChanges } from "./commit-changes.ts";
import { pauseContainer, unpauseContainer } from "./container-pause.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logContainerEvent, logImageEvent } from "./daemon-events.ts";
import { forgetUnusedLayers } from "./layer-release.ts";
import { DAEMON_VERSION } from "./system-info.ts";

/** The diff ID of an empty tar (1024 zero bytes): a commit with no changes adds no layer. */
const EMPTY_LAYER_DIFF_ID = digestOf(writeTar([]));

/**
 * `docker commit`: the container's writable layer becomes a new layer on top of its image (none
 * when nothing changed: the history entry is then `empty_layer`), with the container's config
 * (after `--change`) as the image's config, the container's as `container_config`, a history
 * entry (`created_by` = the command, author, comment) and the image as parent. The container
 * is paused meanwhile unless `pause` is false. Logs `commit` (and `tag` with a repository).
 */
export async function commitContainer(
  ctx: DaemonContext,
  options: CommitOptions,
): Promise<{ Id: string }> {
  const container = ctx.containers.get(options.container);
  const parent = container.imageId === "" ? scratchImage() : ctx.images.get(container.imageId);
  const config = applyChanges(container.config, options.changes ?? []);
  const pause = (options.pause ?? true) && container.state.running && !container.state.paused;
  if (pause) pauseContainer(ctx, container);
  try {
    const layer = await ctx.layers.storeEntries(container.rootfs.diff());
    const emptyLayer = layer.diffId === EMPTY_LAYER_DIFF_ID;
    const createdUs = ctx.clock.nowUs();
    const created = formatRfc3339Nano(createdUs);
    const imageConfig: ImageConfig = dropUndefined({
      ...parent.config,
      author: options.author || undefined,
      comment: undefined,
      config: { ...config, labels: config.labels ?? {} },
      container: container.id,
      containerConfig: container.config,
      created,
      dockerVersion: DAEMON_VERSION,
      os: "linux",
      history: [
        ...(parent.config.history ?? []),
        dropUndefined({
          created,
          author: options.author || undefined,
          createdBy: (container.config.cmd ?? []).join(" "),
          comment: options.comment || undefined,
          emptyLayer: emptyLayer ? (true as const) : undefined,
        }),
      ],
      rootfs: {
        type: "layers",
        diffIds: emptyLayer
          ? parent.config.rootfs.diffIds
          : [...parent.config.rootfs.diffIds, layer.diffId],
      },
    });
    const image = imageFromConfig(imageConfig);
    await ctx.layers.storeConfig(image.configJson);
    ctx.images.add(image, container.imageId === "" ? {} : { parent: parent.id });
    if (emptyLayer) forgetUnusedLayers(ctx, [layer.diffId]);
    let imageRef = "";
    if (options.repo !== undefined && options.repo !== "") {
      let reference = parseNormalizedNamed(options.repo);
      if (options.tag !== undefined && options.tag !== "")
        reference = withTag(trimToName(reference), options.tag);
      ctx.images.tag(reference, image.id, { timeUs: createdUs });
      imageRef = familiarString(reference);
      logImageEvent(ctx, image.id, "tag", imageRef);
    }
    logContainerEvent(ctx, container, "commit", {
      comment: options.comment ?? "",
      imageID: image.id,
      imageRef,
    });
    ctx.tracer.emit({
      kind: "daemon.image.commit",
      step: 3,
      data: { container: container.id, image: image.id },
    });
    return { Id: image.id };
  } finally {
    if (pause) unpauseContainer(ctx, container);
  }
}
