import { type Digest, digestOf } from "../digest/digest.ts";

const encoder = new TextEncoder();

/**
 * The chain ID of every prefix of a layer stack, bottom first (OCI image-spec):
 * `chainID(L0) = diffID(L0)`, `chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln))`.
 * dockerd keys its layer store by chain ID, and `docker rmi` prints the chain IDs it releases.
 */
export function chainIds(diffIds: readonly Digest[]): readonly Digest[] {
  const out: Digest[] = [];
  let previous: Digest | undefined;
  for (const diffId of diffIds) {
    previous = previous === undefined ? diffId : nextChainId(previous, diffId);
    out.push(previous);
  }
  return Object.freeze(out);
}

/** The chain ID of a whole stack; undefined for an image with no layers. */
export function chainId(diffIds: readonly Digest[]): Digest | undefined {
  return chainIds(diffIds).at(-1);
}

/** One step of the chain: the chain ID of `parent` with `diffId` on top. */
export function nextChainId(parent: Digest, diffId: Digest): Digest {
  return digestOf(encoder.encode(`${parent} ${diffId}`));
}
