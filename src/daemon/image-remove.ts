import { type Digest, digestHex, shortId } from "../digest/digest.ts";
import type { ImageDeleteItem } from "../engine/api-types.ts";
import {
  IMAGE_DELETE_REASONS,
  ImageDeleteConflictError,
} from "../image/image-delete-conflict-error.ts";
import {
  familiarString,
  type NamedReference,
  parseNormalizedNamed,
  referenceName,
  withDefaultTag,
} from "../image/reference.ts";
import type { Container } from "./container.ts";
import type { DaemonContext } from "./daemon-context.ts";
import { logImageEvent } from "./daemon-events.ts";
import { forgetUnusedLayers } from "./layer-release.ts";

/** The conflicts dockerd checks before deleting an image (`conflictType` bits). */
const DEPENDENT_CHILD = 1;
const RUNNING_CONTAINER = 2;
const ACTIVE_REFERENCE = 4;
const STOPPED_CONTAINER = 8;
const HARD = DEPENDENT_CHILD | RUNNING_CONTAINER;
const SOFT = ACTIVE_REFERENCE | STOPPED_CONTAINER;

interface Conflict {
  readonly error: ImageDeleteConflictError;
  /** A container uses the image (as opposed to a child image or a reference). */
  readonly used: boolean;
}

/**
 * `docker rmi`, exactly as dockerd 20.10's `ImageDelete`: a name untags first (refused with
 * "must force" when it is the image's only name and a container uses it) and deletes the image
 * only if no name is left; an ID deletes the image with all its names if they are all in one
 * repository. Deleting checks conflicts (children and running containers cannot be forced;
 * other names and stopped containers can, with `force`), lists `Untagged:` names, `Deleted:`
 * the image and the layer chain IDs it released, then prunes untagged parents quietly unless
 * `noprune`.
 */
export function removeImage(
  ctx: DaemonContext,
  name: string,
  options: { force?: boolean; noprune?: boolean } = {},
): ImageDeleteItem[] {
  const force = options.force === true;
  const image = ctx.images.resolve(name);
  const id = image.id;
  const records: ImageDeleteItem[] = [];
  let references = ctx.images.references.referencesOf(id);
  let removedRepositoryRef = false;
  if (!isImageIdPrefix(id, name)) {
    if (!force && isSingleReference(references)) {
      const user = firstContainer(ctx, (container) => container.imageId === id);
      if (user !== undefined)
        throw new ImageDeleteConflictError({
          kind: "reference",
          reference: name,
          containerId: user.id,
          imageId: id,
        });
    }
    const removed = withDefaultTag(parseNormalizedNamed(name));
    ctx.images.untag(removed);
    records.push({ Untagged: familiarString(removed) });
    logImageEvent(ctx, id, "untag", id);
    references = ctx.images.references.referencesOf(id);
    if (
      removed.digest === undefined &&
      !references.some(
        (ref) => ref.digest === undefined && referenceName(ref) === referenceName(removed),
      )
    ) {
      for (const ref of references.filter(
        (candidate) =>
          candidate.digest !== undefined && referenceName(candidate) === referenceName(removed),
      )) {
        ctx.images.untag(ref);
        records.push({ Untagged: familiarString(ref) });
      }
      references = ctx.images.references.referencesOf(id);
    }
    if (references.length > 0) return records;
    removedRepositoryRef = true;
  } else if (isSingleReference(references)) {
    const conflict = checkConflict(ctx, id, force ? HARD : HARD | (SOFT & ~ACTIVE_REFERENCE));
    if (conflict !== undefined) throw conflict.error;
    for (const ref of references) {
      ctx.images.untag(ref);
      records.push({ Untagged: familiarString(ref) });
      logImageEvent(ctx, id, "untag", id);
    }
  }
  deleteHelper(ctx, id, records, {
    force,
    prune: options.noprune !== true,
    quiet: removedRepositoryRef,
  });
  return records;
}

function deleteHelper(
  ctx: DaemonContext,
  id: Digest,
  records: ImageDeleteItem[],
  options: { force: boolean; prune: boolean; quiet: boolean },
): void {
  const conflict = checkConflict(ctx, id, options.force ? HARD : HARD | SOFT);
  if (conflict !== undefined) {
    if (options.quiet && (!isDangling(ctx, id) || conflict.used)) return;
    throw conflict.error;
  }
  const parent = ctx.images.parentOf(id);
  for (const ref of ctx.images.references.referencesOf(id)) {
    ctx.images.untag(ref);
    records.push({ Untagged: familiarString(ref) });
    logImageEvent(ctx, id, "untag", id);
  }
  const image = ctx.images.get(id);
  const deletion = ctx.images.delete(id);
  const diffIds = image.config.rootfs.diffIds;
  const chains = image.layers.map((layer) => layer.chainId);
  forgetUnusedLayers(
    ctx,
    deletion.releasedChainIds.map((chain) => diffIds[chains.indexOf(chain)]!),
  );
  void ctx.layers.forget(id);
  logImageEvent(ctx, id, "delete", id);
  records.push({ Deleted: id });
  for (const chain of deletion.releasedChainIds) records.push({ Deleted: chain });
  if (!options.prune || parent === undefined) return;
  deleteHelper(ctx, parent, records, { force: false, prune: true, quiet: true });
}

function checkConflict(ctx: DaemonContext, id: Digest, mask: number): Conflict | undefined {
  const conflict = (hard: boolean, reason: string, used: boolean): Conflict => ({
    error: new ImageDeleteConflictError({ kind: "image", imageId: id, hard, reason }),
    used,
  });
  if (mask & DEPENDENT_CHILD && ctx.images.childrenOf(id).length > 0)
    return conflict(true, IMAGE_DELETE_REASONS.dependentChildren, false);
  if (mask & RUNNING_CONTAINER) {
    const running = firstContainer(
      ctx,
      (container) => container.imageId === id && container.isRunning,
    );
    if (running !== undefined)
      return conflict(true, IMAGE_DELETE_REASONS.runningContainer(running.id), true);
  }
  if (mask & ACTIVE_REFERENCE && ctx.images.references.referencesOf(id).length > 0)
    return conflict(false, IMAGE_DELETE_REASONS.multipleRepositories, false);
  if (mask & STOPPED_CONTAINER) {
    const stopped = firstContainer(
      ctx,
      (container) => container.imageId === id && !container.isRunning,
    );
    if (stopped !== undefined)
      return conflict(false, IMAGE_DELETE_REASONS.stoppedContainer(stopped.id), true);
  }
  return undefined;
}

/** The oldest container matching, so the ID in a conflict message is stable. */
function firstContainer(
  ctx: DaemonContext,
  match: (container: Container) => boolean,
): Container | undefined {
  return [...ctx.containers.list()].reverse().find(match);
}

function isDangling(ctx: DaemonContext, id: Digest): boolean {
  return (
    ctx.images.references.referencesOf(id).length === 0 && ctx.images.childrenOf(id).length === 0
  );
}

/**
 * dockerd's `isSingleReference`: at most one tag, and the digest references (if any) all in the
 * tag's repository (or, without a tag, in one repository).
 */
function isSingleReference(references: readonly NamedReference[]): boolean {
  if (references.length <= 1) return references.length === 1;
  const tags = references.filter((ref) => ref.digest === undefined);
  if (tags.length > 1) return false;
  const digestRepos = new Set(
    references.filter((ref) => ref.digest !== undefined).map(referenceName),
  );
  const single = tags[0] ?? references[0]!;
  return digestRepos.size === 1 && digestRepos.has(referenceName(single));
}

function isImageIdPrefix(id: Digest, text: string): boolean {
  return id.startsWith(text) || digestHex(id).startsWith(text) || shortId(id) === text;
}
