import type { JsonMessage } from "../engine/json-message.ts";
import { errorMessage } from "../engine/json-message.ts";
import { isDrydockError } from "../errors/drydock-error.ts";
import { loadDockerArchive } from "../image/docker-archive/load-docker-archive.ts";
import { saveDockerArchive } from "../image/docker-archive/save-docker-archive.ts";
import { selectImagesToSave } from "../image/docker-archive/save-selection.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logImageEvent } from "./daemon-events.ts";

/** `docker save`: dockerd 20.10's legacy archive of the images `names` select; logs `save`. */
export async function saveImages(
  ctx: DaemonContext,
  names: readonly string[],
): Promise<Uint8Array> {
  const archive = await saveDockerArchive({
    images: ctx.images,
    content: ctx.layers.content,
    names,
    nowUs: ctx.clock.nowUs(),
  });
  for (const { image } of selectImagesToSave(ctx.images, names))
    logImageEvent(ctx, image.id, "save", image.id);
  return archive;
}

/**
 * `docker load`: verifies the whole archive, then stores it at once (all or nothing); the
 * response carries dockerd's `Loaded image: …` lines, or an error message at the end, as
 * dockerd writes errors after the response has started. Logs `load` per image.
 */
export async function* loadImages(
  ctx: DaemonContext,
  archive: Uint8Array,
): AsyncGenerator<JsonMessage> {
  let result: Awaited<ReturnType<typeof loadDockerArchive>>;
  try {
    result = await loadDockerArchive({ archive, images: ctx.images, content: ctx.layers.content });
  } catch (error) {
    if (!isDrydockError(error)) throw error;
    yield errorMessage(error.message);
    return;
  }
  for (const loaded of result.images) {
    const image = ctx.images.get(loaded.id);
    for (const diffId of image.config.rootfs.diffIds) await ctx.layers.layer(diffId);
    logImageEvent(ctx, loaded.id, "load", loaded.id);
  }
  ctx.tracer.emit({
    kind: "daemon.image.load",
    data: { images: result.images.map((image) => image.id) },
  });
  for (const message of result.messages) yield { stream: message };
}
