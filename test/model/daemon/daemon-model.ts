/**
 * The model of the model-based test: what a user of `docker` expects, much simpler than the
 * daemon. Containers by name with a state; images by a symbolic key with their tags and parent.
 * The rules for `rmi` are dockerd's, restated on this small model.
 */
export type ModelStatus = "created" | "running" | "paused" | "exited";

export interface ModelContainer {
  readonly name: string;
  /** The image key it was created from. */
  readonly image: string;
  status: ModelStatus;
}

export interface ModelImage {
  readonly key: string;
  readonly parent: string | undefined;
  readonly tags: Set<string>;
}

export interface DaemonModel {
  readonly containers: Map<string, ModelContainer>;
  readonly images: Map<string, ModelImage>;
  /** Tag (`name:tag`) → image key. */
  readonly tags: Map<string, string>;
  nextImage: number;
}

export function initialModel(): DaemonModel {
  const base: ModelImage = { key: "base", parent: undefined, tags: new Set(["busybox:latest"]) };
  return {
    containers: new Map(),
    images: new Map([["base", base]]),
    tags: new Map([["busybox:latest", "base"]]),
    nextImage: 1,
  };
}

export function isActive(status: ModelStatus): boolean {
  return status === "running" || status === "paused";
}

export function usersOf(model: DaemonModel, key: string): ModelContainer[] {
  return [...model.containers.values()].filter((container) => container.image === key);
}

export function childrenOf(model: DaemonModel, key: string): ModelImage[] {
  return [...model.images.values()].filter((image) => image.parent === key);
}

/** Points `tag` at `key`, taking it from the image that had it. */
export function setTag(model: DaemonModel, tag: string, key: string): void {
  const previous = model.tags.get(tag);
  if (previous !== undefined) model.images.get(previous)?.tags.delete(tag);
  model.tags.set(tag, key);
  model.images.get(key)!.tags.add(tag);
}

/** The outcome `docker rmi <tag> [-f]` must have on the model. */
export type RmiOutcome = "not-found" | "conflict" | "untagged";

/** Applies `docker rmi <tag>` to the model and says what the daemon must answer. */
export function removeImageByTag(model: DaemonModel, tag: string, force: boolean): RmiOutcome {
  const key = model.tags.get(tag);
  if (key === undefined) return "not-found";
  const image = model.images.get(key)!;
  if (image.tags.size > 1) {
    untag(model, tag);
    return "untagged";
  }
  if (!force && usersOf(model, key).length > 0) return "conflict";
  untag(model, tag);
  deleteQuietly(model, key, force);
  return "untagged";
}

function untag(model: DaemonModel, tag: string): void {
  const key = model.tags.get(tag)!;
  model.tags.delete(tag);
  model.images.get(key)!.tags.delete(tag);
}

/** dockerd's `imageDeleteHelper` in quiet mode: conflicts leave the image, then parents are pruned. */
function deleteQuietly(model: DaemonModel, key: string, force: boolean): void {
  const image = model.images.get(key)!;
  const users = usersOf(model, key);
  if (childrenOf(model, key).length > 0 || users.some((user) => isActive(user.status))) return;
  if (!force && (image.tags.size > 0 || users.length > 0)) return;
  model.images.delete(key);
  if (image.parent !== undefined) deleteQuietly(model, image.parent, false);
}
