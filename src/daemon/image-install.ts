import { DrydockError } from "../errors/drydock-error.ts";
import type { Image } from "../image/image.ts";
import { parseNormalizedNamed } from "../image/reference.ts";
import type { OfflineImage } from "../runtime/offline-images.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * Puts an image into the daemon's stores without events: a host's offline base images
 * (`busybox`, …), present from the start as if pulled long ago. Layer tars go to the content
 * store under their diff IDs, trees into the shared cache, then the config, the image, its tag.
 */
export async function installImage(ctx: DaemonContext, offline: OfflineImage): Promise<Image> {
  const diffIds = offline.image.config.rootfs.diffIds;
  if (offline.layers.length !== diffIds.length) {
    throw new DrydockError(
      "InvalidArgument",
      `image ${offline.reference} has ${offline.layers.length} layers for ${diffIds.length} diff IDs`,
      {
        data: { reference: offline.reference },
      },
    );
  }
  for (const [index, layer] of offline.layers.entries()) {
    const stored = await ctx.layers.storeTar(layer.tar);
    if (stored.diffId !== diffIds[index]) {
      throw new DrydockError(
        "DataLoss",
        `layer ${index} of ${offline.reference} does not match its diff ID`,
        {
          data: { expected: diffIds[index], actual: stored.diffId },
        },
      );
    }
  }
  await ctx.layers.storeConfig(offline.image.configJson);
  ctx.images.add(offline.image);
  ctx.images.tag(parseNormalizedNamed(offline.reference), offline.image.id);
  return ctx.images.get(offline.image.id);
}
