import type { TarEntry } from "../archive/tar-entry.ts";
import type { Digest } from "../digest/digest.ts";
import type { JsonMessage } from "../engine/json-message.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { Image } from "../image/image.ts";
import type { NamedReference } from "../image/reference.ts";

/**
 * What the builder needs from the daemon it runs in: images and layers on one side, build
 * containers on the other. The daemon implements it over its stores and its runtime; the builder
 * never touches those directly, so it runs the same on the simulated daemon, on
 * `MemBuildHost` in tests, and in a browser.
 *
 * The split follows dockerd's own seam (`builder.Backend`): the builder decides every byte of the
 * image configs it creates (`childImage`), the host stores them; the host decides container IDs,
 * what a container create does to the config, and how a process runs.
 */
export interface BuildHost {
  readonly images: BuildImageHost;
  readonly containers: BuildContainerHost;
}

/** How the builder asks for a base image (`FROM`, `COPY --from`). */
export interface ResolveImageRequest {
  /** A reference, an ID or an ID prefix, as written (already expanded). */
  readonly name: string;
  /** `FROM --platform`, or the build's `--platform`; undefined for the daemon's own. */
  readonly platform?: string;
  /**
   * True for a stage's image (an ID the build itself made): never pulled. False for a name in
   * `FROM`/`COPY --from`: pulled when missing, as dockerd does.
   */
  readonly localOnly: boolean;
  /** Pull progress, written into the build stream as it happens (`status`/`id`/`progressDetail`). */
  readonly onProgress: (message: JsonMessage) => void;
}

/** A layer the builder made, ready to be stored under its diffID. */
export interface NewLayer {
  readonly diffId: Digest;
  /** The uncompressed layer tar (`sha256(tar) === diffId`). */
  readonly tar: Uint8Array;
  /** The same layer as entries, for the host's layer tree. */
  readonly entries: readonly TarEntry[];
}

/** The image half of `BuildHost`. */
export interface BuildImageHost {
  /**
   * The image `name` names, pulling it first when it is missing and `localOnly` is false. Throws
   * the daemon's error (`No such image: …`, a pull error) with its message.
   */
  resolveImage(request: ResolveImageRequest): Promise<Image>;
  /** The image with this exact ID, if the store has it. */
  getImage(id: Digest): Image | undefined;
  /**
   * The sealed layer trees of an image, bottom first (one per diffID): the lower layers of an
   * overlay for `COPY`/`ADD`, and the source of `COPY --from`.
   */
  layerTrees(image: Image): Promise<readonly LayerTree[]>;
  /**
   * Cache candidates, as dockerd's `getLocalCachedImage` finds them: the images whose recorded
   * parent is `parent`; for `undefined` (a step on `FROM scratch`), every image whose config has
   * no legacy `parent` field, which is every image dockerd 20.10 made or pulled. Any order.
   */
  cacheCandidates(parent: Digest | undefined): Promise<readonly Image[]>;
  /**
   * Stores a step's image: registers `layer` first when the step made one, then the image with
   * its parent link (`images -a` shows it untagged). All or nothing; storing an image that is
   * already there (a rebuild that made identical bytes) is not an error.
   */
  commitImage(request: { image: Image; parent?: Digest; layer?: NewLayer }): Promise<void>;
  /** Points a tag at an image (`Successfully tagged …`); an existing tag moves. */
  tagImage(id: Digest, reference: NamedReference): Promise<void>;
}

/** A build container as the daemon created it. */
export interface CreatedBuildContainer {
  /** 64 hex digits; the builder prints the first 12 (`Running in …`). */
  readonly id: string;
  /**
   * The config as the daemon stored it. dockerd's create changes it in place, and the builder
   * records that in `container_config` of metadata and WORKDIR steps: the image's config fills
   * the empty fields (dockerd's `merge`: an `ENTRYPOINT []` step records the old entrypoint),
   * `Labels: null` becomes `{}`, `Hostname` becomes the short ID, `WorkingDir` is cleaned
   * (`/app/` → `/app`). `createdConfig` in mem-build-host.ts implements these rules.
   */
  readonly config: ContainerConfig;
  /** Warnings the daemon returned (printed as ` ---> [Warning] …`). */
  readonly warnings: readonly string[];
}

/** One chunk a build container's process wrote. */
export interface BuildOutputFrame {
  readonly stream: "stdout" | "stderr";
  readonly data: Uint8Array;
}

/** The container half of `BuildHost`. */
export interface BuildContainerHost {
  /**
   * Creates a build container from `image` (undefined: `FROM scratch`, an empty root) with
   * `config`, as dockerd's `ContainerCreate` does — including creating `config.workingDir` in the
   * container's writable layer when it is missing (0755, root), which is how `WORKDIR` makes
   * its layer. An `Entrypoint` of `[""]` means none. Not started.
   */
  create(request: { image?: Image; config: ContainerConfig }): Promise<CreatedBuildContainer>;
  /**
   * Starts the container's process (`Entrypoint` + `Cmd` of its config, as `User` in
   * `WorkingDir` with `Env`) and settles when it ends, after every output chunk was delivered
   * to `onOutput` at the simulated instant it was written. Resolves with the exit code; throws
   * the start failure with Docker's wording when the process cannot start at all.
   */
  run(id: string, options: { onOutput: (frame: BuildOutputFrame) => void }): Promise<number>;
  /** Kills a running build container (a limit was exceeded); `run` then settles. */
  kill(id: string): Promise<void>;
  /** The container's writable layer as layer-tar entries (`[]`: nothing changed). */
  changes(id: string): Promise<readonly TarEntry[]>;
  /** Removes a build container (`Removing intermediate container …`). */
  remove(id: string): Promise<void>;
}
