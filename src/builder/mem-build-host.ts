import type { TarEntry } from "../archive/tar-entry.ts";
import type { Clock } from "../clock/clock.ts";
import type { Digest } from "../digest/digest.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { treeFromEntries } from "../fs/apply-entries.ts";
import type { LayerTree } from "../fs/layer-tree.ts";
import { OverlayFs } from "../fs/overlay-fs.ts";
import type { VirtualFs } from "../fs/virtual-fs.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { Image } from "../image/image.ts";
import { ImageStore } from "../image/image-store.ts";
import type { NamedReference } from "../image/reference.ts";
import type { Rng } from "../random/rng.ts";
import type {
  BuildContainerHost,
  BuildHost,
  BuildImageHost,
  BuildOutputFrame,
  CreatedBuildContainer,
  NewLayer,
  ResolveImageRequest,
} from "./build-host.ts";
import { goCleanPath } from "./go-path.ts";

/** What a runner needs to run a build container's process. */
export interface BuildProcessSpec {
  readonly containerId: string;
  /** The container's root (its overlay): the process's changes land in the writable layer. */
  readonly rootfs: VirtualFs;
  /** `Entrypoint` + `Cmd`, final. */
  readonly argv: readonly string[];
  readonly env: readonly string[];
  readonly cwd: string;
  readonly user: string;
  readonly hostname: string;
  readonly onOutput: (frame: BuildOutputFrame) => void;
  /** True once the builder asked for the process to be killed. */
  readonly killed: () => boolean;
}

/** Runs one build-container process to its end and returns its exit code. */
export type BuildProcessRunner = (spec: BuildProcessSpec) => Promise<number>;

interface MemContainer {
  readonly image: Image | undefined;
  readonly config: ContainerConfig;
  readonly rootfs: OverlayFs;
  killed: boolean;
}

/**
 * A `BuildHost` on an in-memory image store and layer trees, with a pluggable process runner:
 * the reference implementation of the host contract (dockerd's container-create rules
 * included), for tests, demos and the daemon's own tests. Images it cannot find are not pulled:
 * it answers as a daemon without network would.
 */
export class MemBuildHost implements BuildHost, BuildImageHost, BuildContainerHost {
  readonly store: ImageStore;
  readonly #trees = new Map<Digest, LayerTree>();
  readonly #containers = new Map<string, MemContainer>();
  readonly #clock: Clock;
  readonly #rng: Rng;
  readonly #runner: BuildProcessRunner;

  constructor(options: { clock: Clock; rng: Rng; runner: BuildProcessRunner; store?: ImageStore }) {
    this.#clock = options.clock;
    this.#rng = options.rng;
    this.#runner = options.runner;
    this.store = options.store ?? new ImageStore();
  }

  get images(): BuildImageHost {
    return this;
  }

  get containers(): BuildContainerHost {
    return this;
  }

  /** Build containers not removed yet, by ID (a failed RUN leaves one). */
  containerIds(): string[] {
    return [...this.#containers.keys()].sort();
  }

  /** Adds an image and the entries of its layers (bottom first), e.g. a base image. */
  addImage(image: Image, layers: readonly (readonly TarEntry[])[], parent?: Digest): void {
    image.layers.forEach((layer, index) => {
      const entries = layers[index];
      if (entries !== undefined && !this.#trees.has(layer.diffId)) {
        this.#trees.set(layer.diffId, treeFromEntries(entries, { nowUs: this.#clock.nowUs() }));
      }
    });
    this.store.add(image, parent === undefined ? {} : { parent });
  }

  async resolveImage(request: ResolveImageRequest): Promise<Image> {
    try {
      return this.store.resolve(request.name);
    } catch (error) {
      if (request.localOnly || !(error instanceof DrydockError) || error.code !== "NotFound") {
        throw error;
      }
      throw new DrydockError(
        "Unavailable",
        'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
        { data: { name: request.name } },
      );
    }
  }

  getImage(id: Digest): Image | undefined {
    return this.store.has(id) ? this.store.get(id) : undefined;
  }

  async layerTrees(image: Image): Promise<readonly LayerTree[]> {
    return image.layers.map((layer) => {
      const tree = this.#trees.get(layer.diffId);
      if (tree === undefined) {
        throw new DrydockError("DataLoss", `layer ${layer.diffId} has no content`, {
          data: { diffId: layer.diffId },
        });
      }
      return tree;
    });
  }

  async cacheCandidates(parent: Digest | undefined): Promise<readonly Image[]> {
    if (parent !== undefined) return this.store.childrenOf(parent).map((id) => this.store.get(id));
    return this.store.list().filter((image) => (image.config.parent ?? "") === "");
  }

  async commitImage(request: { image: Image; parent?: Digest; layer?: NewLayer }): Promise<void> {
    const { layer } = request;
    if (layer !== undefined && !this.#trees.has(layer.diffId)) {
      this.#trees.set(layer.diffId, treeFromEntries(layer.entries, { nowUs: this.#clock.nowUs() }));
    }
    this.store.add(request.image, request.parent === undefined ? {} : { parent: request.parent });
  }

  async tagImage(id: Digest, reference: NamedReference): Promise<void> {
    this.store.tag(reference, id, { timeUs: this.#clock.nowUs() });
  }

  async create(request: {
    image?: Image;
    config: ContainerConfig;
  }): Promise<CreatedBuildContainer> {
    const id = this.#rng.hex(64);
    const nowUs = this.#clock.nowUs();
    const lowers = request.image === undefined ? [] : await this.layerTrees(request.image);
    const rootfs = new OverlayFs({ lowers, nowUs });
    const config = createdConfig(request.config, { id, image: request.image?.config.config });
    if (config.workingDir !== "") {
      rootfs.mkdirp(config.workingDir, { nowUs, mode: 0o755, uid: 0, gid: 0 });
    }
    this.#containers.set(id, { image: request.image, config, rootfs, killed: false });
    return { id, config, warnings: [] };
  }

  async run(id: string, options: { onOutput: (frame: BuildOutputFrame) => void }): Promise<number> {
    const container = this.#container(id);
    const { config } = container;
    return this.#runner({
      containerId: id,
      rootfs: container.rootfs,
      argv: [...(config.entrypoint ?? []), ...(config.cmd ?? [])],
      env: config.env ?? [],
      cwd: config.workingDir === "" ? "/" : config.workingDir,
      user: config.user,
      hostname: config.hostname,
      onOutput: options.onOutput,
      killed: () => container.killed,
    });
  }

  async kill(id: string): Promise<void> {
    this.#container(id).killed = true;
  }

  async changes(id: string): Promise<readonly TarEntry[]> {
    return this.#container(id).rootfs.diff();
  }

  async remove(id: string): Promise<void> {
    this.#container(id);
    this.#containers.delete(id);
  }

  #container(id: string): MemContainer {
    const container = this.#containers.get(id);
    if (container === undefined) {
      throw new DrydockError("NotFound", `No such container: ${id}`, { data: { id } });
    }
    return container;
  }
}

/**
 * What dockerd's container create does to the config it is given (the builder records the
 * result in `container_config`): the image's config fills what the request leaves empty
 * (dockerd's `merge`: user, ports, env, labels, entrypoint and cmd, healthcheck, working
 * directory, volumes, stop signal), the short ID becomes the hostname, the working directory is
 * cleaned, and an entrypoint of `[""]` means none.
 */
export function createdConfig(
  config: ContainerConfig,
  options: { id: string; image?: ContainerConfig },
): ContainerConfig {
  const merged =
    options.image === undefined
      ? { ...config, labels: config.labels ?? {} }
      : mergeImageConfig(config, options.image);
  const entrypoint = merged.entrypoint;
  return {
    ...merged,
    hostname: merged.hostname === "" ? options.id.slice(0, 12) : merged.hostname,
    workingDir: merged.workingDir === "" ? "" : goCleanPath(merged.workingDir),
    entrypoint: entrypoint?.length === 1 && entrypoint[0] === "" ? null : entrypoint,
  };
}

/** dockerd's `merge(userConf, imageConf)` of `daemon/commit.go`, used by container create. */
export function mergeImageConfig(user: ContainerConfig, image: ContainerConfig): ContainerConfig {
  const env = [...(user.env ?? [])];
  if (env.length > 0) {
    for (const entry of image.env ?? []) {
      const key = entry.split("=", 1)[0];
      if (!env.some((own) => own.split("=", 1)[0] === key)) env.push(entry);
    }
  }
  const labels = { ...(image.labels ?? {}), ...(user.labels ?? {}) };
  const noEntrypoint = (user.entrypoint ?? []).length === 0;
  const health =
    user.healthcheck === undefined
      ? image.healthcheck
      : image.healthcheck === undefined
        ? user.healthcheck
        : {
            ...user.healthcheck,
            test:
              (user.healthcheck.test ?? []).length === 0
                ? image.healthcheck.test
                : user.healthcheck.test,
            intervalNs: user.healthcheck.intervalNs ?? image.healthcheck.intervalNs,
            timeoutNs: user.healthcheck.timeoutNs ?? image.healthcheck.timeoutNs,
            startPeriodNs: user.healthcheck.startPeriodNs ?? image.healthcheck.startPeriodNs,
            retries: user.healthcheck.retries ?? image.healthcheck.retries,
          };
  return {
    ...user,
    user: user.user === "" ? image.user : user.user,
    exposedPorts: union(user.exposedPorts, image.exposedPorts),
    env: env.length === 0 ? image.env : env,
    labels,
    cmd: noEntrypoint && (user.cmd ?? []).length === 0 ? image.cmd : user.cmd,
    entrypoint: noEntrypoint && user.entrypoint === null ? image.entrypoint : user.entrypoint,
    healthcheck: health,
    workingDir: user.workingDir === "" ? image.workingDir : user.workingDir,
    volumes:
      (user.volumes ?? []).length === 0
        ? image.volumes
        : (union(user.volumes ?? [], image.volumes ?? []) ?? null),
    stopSignal:
      user.stopSignal === undefined || user.stopSignal === "" ? image.stopSignal : user.stopSignal,
  };
}

function union(
  own: readonly string[] | undefined,
  inherited: readonly string[] | undefined,
): readonly string[] | undefined {
  if (own === undefined || own.length === 0) return inherited;
  return [...new Set([...own, ...(inherited ?? [])])].sort();
}
