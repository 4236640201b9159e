import type {
  BuildContainerHost,
  BuildImageHost,
  CreatedBuildContainer,
} from "../builder/build-host.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Image } from "../image/image.ts";
import { ImageNotFoundError } from "../image/image-not-found-error.ts";
import { familiarString } from "../image/reference.ts";
import type { BuildServices } from "./build-services.ts";
import { createContainerFrom } from "./container-create.ts";
import { killContainer } from "./container-kill.ts";
import { removeContainer } from "./container-remove.ts";
import { startContainer } from "./container-start.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logImageEvent } from "./daemon-events.ts";
import { pullForBuild } from "./distribution/pull-for-build.ts";
import { normalizeHostConfig } from "./host-config.ts";
import { SIGKILL } from "./signals.ts";

/** The daemon's side of a build (`BuildServices`), over its stores and lifecycle functions. */
export function daemonBuildServices(ctx: DaemonContext): BuildServices {
  return { images: imageServices(ctx), containers: containerServices(ctx) };
}

function imageServices(ctx: DaemonContext): BuildImageHost {
  return {
    resolveImage: async (request) => {
      try {
        return ctx.images.resolve(request.name);
      } catch (error) {
        if (request.localOnly || !(error instanceof ImageNotFoundError)) throw error;
      }
      // A missing base image is pulled, its progress written into the build stream.
      await pullForBuild(ctx, request);
      return ctx.images.resolve(request.name);
    },
    getImage: (id) => (ctx.images.has(id) ? ctx.images.get(id) : undefined),
    layerTrees: async (image) =>
      (
        await Promise.all(image.config.rootfs.diffIds.map((diffId) => ctx.layers.layer(diffId)))
      ).map((layer) => layer.tree),
    cacheCandidates: async (parent) =>
      parent === undefined
        ? ctx.images.list().filter((image) => image.config.parent === undefined)
        : ctx.images.childrenOf(parent).map((id) => ctx.images.get(id)),
    commitImage: async ({ image, parent, layer }) => {
      if (layer !== undefined) {
        const stored = await ctx.layers.storeTar(layer.tar);
        if (stored.diffId !== layer.diffId)
          throw new DrydockError(
            "DataLoss",
            `layer tar does not match its diff ID ${layer.diffId}`,
            { data: { diffId: layer.diffId } },
          );
      }
      await ctx.layers.storeConfig(image.configJson);
      ctx.images.add(image, parent === undefined ? {} : { parent });
      ctx.tracer.emit({
        kind: "daemon.image.commit",
        step: 3,
        data: { image: image.id, layer: layer?.diffId ?? null },
      });
    },
    tagImage: async (id, reference) => {
      ctx.images.tag(reference, id, { timeUs: ctx.clock.nowUs() });
      logImageEvent(ctx, id, "tag", familiarString(reference));
    },
  };
}

function containerServices(ctx: DaemonContext): BuildContainerHost {
  return {
    create: async ({ image, config }): Promise<CreatedBuildContainer> => {
      const container = await createContainerFrom(ctx, {
        image: image as Image | undefined,
        config: { ...config, image: image?.id ?? "" },
        hostConfig: normalizeHostConfig({}),
      });
      return { id: container.id, config: container.config, warnings: [] };
    },
    run: async (id, { onOutput }) => {
      const container = ctx.containers.get(id);
      const session = container.stdio.attach({ stdout: true, stderr: true, stream: true });
      const exited = container.wait("next-exit");
      try {
        startContainer(ctx, container, { manual: true });
      } catch (error) {
        session.close();
        throw error;
      }
      for await (const frame of session.output)
        onOutput({ stream: frame.stream, data: frame.data });
      return (await exited).StatusCode;
    },
    kill: async (id) => {
      const container = ctx.containers.get(id);
      if (container.state.running) await killContainer(ctx, container, SIGKILL);
    },
    changes: async (id) => ctx.containers.get(id).rootfs.diff(),
    remove: async (id) =>
      removeContainer(ctx, ctx.containers.get(id), { force: true, volumes: true, name: id }),
  };
}
