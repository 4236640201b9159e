import { parseRfc3339 } from "../../clock/time-format.ts";
import type { Digest } from "../../digest/digest.ts";
import type { ContainerConfig } from "../../image/container-config.ts";
import type { Image } from "../../image/image.ts";
import type { BuildImageHost } from "../build-host.ts";
import { sameBuildConfig } from "./same-build-config.ts";

/**
 * The classic builder's layer cache (`imageProber` over `LocalImageCache`): a step hits when an
 * image built on the current one has a matching build-container config (`sameBuildConfig`); the
 * newest such image wins. After the first miss every later step of the stage misses without
 * looking (`cacheBusted`); each `FROM` starts probing again. `--no-cache` never hits.
 */
export class ImageProbe {
  readonly #images: BuildImageHost;
  readonly #noCache: boolean;
  #busted = false;

  constructor(options: { images: BuildImageHost; noCache: boolean }) {
    this.#images = options.images;
    this.#noCache = options.noCache;
  }

  /** `--no-cache`: every probe misses. */
  get noCache(): boolean {
    return this.#noCache;
  }

  /** Whether the current stage already missed (or the build has `--no-cache`). */
  get busted(): boolean {
    return this.#noCache || this.#busted;
  }

  /** A new stage: probe again. */
  reset(): void {
    this.#busted = false;
  }

  /** The cached image for a step on `parent` ("" for `FROM scratch`) with `config`, if any. */
  async probe(parent: Digest | "", config: ContainerConfig): Promise<Image | undefined> {
    if (this.busted) return undefined;
    const candidates = await this.#images.cacheCandidates(parent === "" ? undefined : parent);
    let match: Image | undefined;
    let matchUs = Number.NEGATIVE_INFINITY;
    // Sorted by ID so that ties between equally new candidates resolve the same way every run.
    for (const image of [...candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      const stored = image.config.containerConfig;
      if (stored === undefined || !sameBuildConfig(stored, config)) continue;
      const createdUs = parseRfc3339(image.config.created ?? "") ?? Number.NEGATIVE_INFINITY;
      if (match === undefined || createdUs > matchUs) {
        match = image;
        matchUs = createdUs;
      }
    }
    if (match === undefined) this.#busted = true;
    return match;
  }
}
