import type { Digest } from "../../digest/digest.ts";
import type { ContainerConfig } from "../../image/container-config.ts";
import type { Image } from "../../image/image.ts";
import { BuildError } from "../build-error.ts";
import type { BuildArgs } from "../dockerfile/build-args.ts";

/**
 * What the dispatchers of one stage change as they go (dockerd's `dispatchState`): the stage's
 * config, the image the last step produced, `MAINTAINER`, whether CMD was set in this stage,
 * and the stage's ARG scope.
 */
export class DispatchState {
  runConfig: ContainerConfig;
  /** The current image; "" on `FROM scratch` until the first step commits. */
  imageId: Digest | "" = "";
  /** The current image's value (undefined while `imageId` is ""). */
  image: Image | undefined;
  maintainer = "";
  cmdSet = false;
  readonly stageName: string | undefined;
  readonly buildArgs: BuildArgs;
  readonly os: string;

  constructor(options: {
    runConfig: ContainerConfig;
    image: Image | undefined;
    stageName: string | undefined;
    buildArgs: BuildArgs;
    os: string;
  }) {
    this.image = options.image;
    this.imageId = options.image?.id ?? "";
    // dockerd's `updateRunConfig` right after FROM: `Image` names the stage's base.
    this.runConfig = { ...options.runConfig, image: this.imageId };
    this.stageName = options.stageName;
    this.buildArgs = options.buildArgs;
    this.os = options.os;
  }

  /** After a step: the new image, and `config.Image` pointing at it (`updateRunConfig`). */
  setImage(image: Image): void {
    this.image = image;
    this.imageId = image.id;
    this.runConfig = { ...this.runConfig, image: image.id };
  }
}

/** A finished stage, as `COPY --from` and `FROM <stage>` see it. */
export interface StageResult {
  readonly name: string | undefined;
  /** The stage's last image; "" for a `FROM scratch` stage that ran no step. */
  readonly imageId: Digest | "";
}

/** dockerd's `stagesBuildResults`: finished stages by position and by (lower-case) name. */
export class StageResults {
  readonly #flat: StageResult[] = [];
  readonly #byName = new Map<string, StageResult>();

  byName(name: string): StageResult | undefined {
    return this.#byName.get(name.toLowerCase());
  }

  /**
   * A stage named or numbered `nameOrIndex`; undefined when it is neither (then it is an image
   * name). Errors as dockerd words them: `refers to current build stage`, `index out of bounds`.
   */
  get(nameOrIndex: string): StageResult | undefined {
    const named = this.byName(nameOrIndex);
    if (named !== undefined) return named;
    if (!/^[+-]?\d+$/.test(nameOrIndex)) return undefined;
    const index = Number.parseInt(nameOrIndex, 10);
    if (index === this.#flat.length) throw new BuildError("refers to current build stage");
    if (index < 0 || index > this.#flat.length) throw new BuildError("index out of bounds");
    return this.#flat[index];
  }

  /** `x stage name already used` when an earlier stage took the name. */
  checkNameAvailable(name: string | undefined): void {
    if (name !== undefined && this.byName(name) !== undefined) {
      throw new BuildError(`${name} stage name already used`);
    }
  }

  add(result: StageResult): void {
    this.checkNameAvailable(result.name);
    if (result.name !== undefined) this.#byName.set(result.name.toLowerCase(), result);
    this.#flat.push(result);
  }
}
