import { formatRfc3339Nano } from "../../clock/time-format.ts";
import type { Digest } from "../../digest/digest.ts";
import type { ContainerConfig } from "../../image/container-config.ts";
import { type Image, imageFromConfig } from "../../image/image.ts";
import type { HistoryEntry, ImageConfig } from "../../image/image-config.ts";
import { dropUndefined } from "../../image/platform.ts";
import { createdByOf } from "./run-config.ts";

/** The dockerd version the simulated daemon reports (`docker_version` in every config). */
export const DEFAULT_DOCKER_VERSION = "20.10.24+dfsg1";

/** What one builder step adds on top of its parent image. */
export interface ChildImageInput {
  /** The image the step ran on; undefined for the first step on `FROM scratch`. */
  readonly parent?: Image;
  /** The stage's config after the step (`config`). */
  readonly config: ContainerConfig;
  /** The build container's config (`container_config`); its `Cmd` becomes `created_by`. */
  readonly containerConfig: ContainerConfig;
  /** The build container, for steps that ran in one (not COPY/ADD). */
  readonly containerId?: string;
  /** `MAINTAINER` in force ("" when none). */
  readonly author: string;
  /** The step's layer; undefined when the step changed no file (`empty_layer: true`). */
  readonly diffId?: Digest;
  readonly createdUs: number;
  readonly dockerVersion: string;
  readonly os: string;
}

/**
 * dockerd's `image.NewChildImage`: the parent's layers and history plus one entry, the
 * parent's platform (amd64 for `FROM scratch`), the build container's ID and config, and the
 * creation time of the new history entry. The config is serialised as dockerd writes it, so
 * the image ID is what dockerd would compute for the same input.
 */
export function childImage(input: ChildImageInput): Image {
  const parent = input.parent?.config;
  const created = formatRfc3339Nano(input.createdUs);
  const history: HistoryEntry = dropUndefined({
    created,
    author: input.author === "" ? undefined : input.author,
    createdBy: createdByOf(input.containerConfig),
    emptyLayer: input.diffId === undefined ? (true as const) : undefined,
  });
  const config: ImageConfig = dropUndefined({
    architecture:
      parent?.architecture === undefined || parent.architecture === ""
        ? "amd64"
        : parent.architecture,
    variant: parent?.variant,
    os: input.os,
    osVersion: parent?.osVersion,
    osFeatures: parent?.osFeatures,
    author: input.author === "" ? undefined : input.author,
    created,
    config: input.config,
    container: input.containerId,
    containerConfig: input.containerConfig,
    dockerVersion: input.dockerVersion,
    history: [...(parent?.history ?? []), history],
    rootfs: {
      type: "layers",
      diffIds:
        input.diffId === undefined
          ? [...(parent?.rootfs.diffIds ?? [])]
          : [...(parent?.rootfs.diffIds ?? []), input.diffId],
    },
  });
  return imageFromConfig(config);
}
