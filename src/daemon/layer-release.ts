import type { Digest } from "../digest/digest.ts";
import { chainIds } from "../image/chain-id.ts";
import type { DaemonContext } from "./daemon-context.ts";

/**
 * Drops one reference on the layer stack `diffIds` (an image's or a container's) and deletes
 * the tars of layers no longer in the layer store from the content store. Returns the chain IDs
 * released, top first (what `docker rmi` prints as `Deleted:`).
 */
export function releaseLayers(ctx: DaemonContext, diffIds: readonly Digest[]): readonly Digest[] {
  const chains = chainIds(diffIds);
  const top = chains.at(-1);
  if (top === undefined) return [];
  const released = ctx.images.layers.release(top);
  forgetUnusedLayers(
    ctx,
    released.map((chain) => diffIds[chains.indexOf(chain)]!),
  );
  return released;
}

/** Deletes the tars of these layers unless another layer of the store still has the same diff ID. */
export function forgetUnusedLayers(ctx: DaemonContext, diffIds: readonly Digest[]): void {
  if (diffIds.length === 0) return;
  const inUse = new Set(ctx.images.layers.list().map((layer) => layer.diffId));
  for (const diffId of new Set(diffIds)) if (!inUse.has(diffId)) void ctx.layers.forget(diffId);
}
