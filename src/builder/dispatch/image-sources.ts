import { OverlayFs } from "../../fs/overlay-fs.ts";
import type { Image } from "../../image/image.ts";
import { ImageSource } from "../copy/image-source.ts";
import type { BuildSession } from "./build-session.ts";

/** What `FROM scratch` names: no image at all. */
export const NO_BASE_IMAGE = "scratch";

/**
 * The image a stage name or an image name stands for (dockerd's `getImageOrStage`): a finished
 * stage's last image (never pulled), nothing for `scratch` or a stage that made no image, or an
 * image from the store, pulled when missing (pull progress goes into the build stream).
 */
export async function resolveBaseImage(
  session: BuildSession,
  name: string,
  platform: string | undefined,
): Promise<Image | undefined> {
  const stage = session.options.stages.byName(name);
  if (stage !== undefined) return imageById(session, stage.imageId);
  if (name === NO_BASE_IMAGE) return undefined;
  return session.host.images.resolveImage({
    name,
    platform: platform ?? session.options.platform,
    localOnly: false,
    onProgress: (message) => session.output.passThrough(message),
  });
}

async function imageById(session: BuildSession, id: string): Promise<Image | undefined> {
  if (id === "") return undefined;
  return session.host.images.resolveImage({
    name: id,
    localOnly: true,
    onProgress: (message) => session.output.passThrough(message),
  });
}

/**
 * The source of `COPY --from=<stage|index|image>` (dockerd's `getImageMount`): a stage by name,
 * then by position, then an image name; read through a read-only view of its layers.
 */
export async function imageSourceFor(session: BuildSession, from: string): Promise<ImageSource> {
  const stage = session.options.stages.get(from);
  const image =
    stage !== undefined
      ? await imageById(session, stage.imageId)
      : await session.host.images.resolveImage({
          name: from,
          platform: session.options.platform,
          localOnly: false,
          onProgress: (message) => session.output.passThrough(message),
        });
  const lowers = image === undefined ? [] : await session.host.images.layerTrees(image);
  return new ImageSource(new OverlayFs({ lowers, nowUs: session.options.clock.nowUs() }));
}
