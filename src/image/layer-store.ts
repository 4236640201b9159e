import { type Digest, parseDigest } from "../digest/digest.ts";
import { assert } from "../errors/assert.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import { chainIds, nextChainId } from "./chain-id.ts";

/** One layer of a daemon's layer store, keyed by chain ID. */
export interface LayerRecord {
  readonly chainId: Digest;
  readonly diffId: Digest;
  /** The chain ID of the layer below; absent for a bottom layer. */
  readonly parent?: Digest;
  /** Holders: images whose top layer this is, layers stacked on it, and any other user. */
  readonly references: number;
}

interface MutableLayer {
  readonly diffId: Digest;
  readonly parent?: Digest;
  references: number;
}

/**
 * The daemon's layer metadata, as dockerd's layer store keeps it: layers keyed by chain ID, each
 * holding a reference to its parent, images (and later containers) holding a reference to
 * their top layer. Releasing the last reference to a layer removes it and releases its parent,
 * so one `release` can free a whole stack; the chain IDs come back top first, which is the order
 * `docker rmi` prints them as `Deleted:`. The layer contents live elsewhere, keyed by chain ID.
 */
export class LayerStore {
  readonly #layers = new Map<Digest, MutableLayer>();
  readonly #layerCountMax: number;

  constructor(options: { layerCountMax?: number } = {}) {
    this.#layerCountMax = options.layerCountMax ?? 100_000;
  }

  /**
   * Takes one reference on the stack `diffIds` (bottom first), registering the layers it does
   * not have yet. Returns the top chain ID, or undefined for an empty stack (nothing is held).
   */
  retain(diffIds: readonly Digest[]): Digest | undefined {
    const chains = chainIds(diffIds);
    const top = chains.at(-1);
    if (top === undefined) return undefined;
    const missing = chains.filter((chain) => !this.#layers.has(chain)).length;
    if (this.#layers.size + missing > this.#layerCountMax) {
      throw new LimitExceededError({
        what: "layers in the layer store",
        limit: this.#layerCountMax,
        actual: this.#layers.size + missing,
      });
    }
    chains.forEach((chain, index) => {
      if (this.#layers.has(chain)) return;
      const parent = index === 0 ? undefined : chains[index - 1]!;
      this.#layers.set(
        chain,
        parent === undefined
          ? { diffId: diffIds[index]!, references: 0 }
          : { diffId: diffIds[index]!, parent, references: 0 },
      );
      if (parent !== undefined) this.#layers.get(parent)!.references++;
    });
    this.#layers.get(top)!.references++;
    return top;
  }

  /** Drops one reference on a layer; returns the chain IDs that were removed, top first. */
  release(chainId: Digest): readonly Digest[] {
    const released: Digest[] = [];
    let current: Digest | undefined = chainId;
    while (current !== undefined) {
      const layer = this.#layers.get(current);
      assert(
        layer !== undefined && layer.references > 0,
        `layer store release of an unheld layer ${current}`,
      );
      layer.references--;
      if (layer.references > 0) break;
      this.#layers.delete(current);
      released.push(current);
      current = layer.parent;
    }
    return Object.freeze(released);
  }

  has(chainId: Digest): boolean {
    return this.#layers.has(chainId);
  }

  get(chainId: Digest): LayerRecord | undefined {
    const layer = this.#layers.get(chainId);
    return layer === undefined ? undefined : record(chainId, layer);
  }

  /** Every layer, sorted by chain ID. */
  list(): readonly LayerRecord[] {
    return [...this.#layers.keys()]
      .sort()
      .map((chainId) => record(chainId, this.#layers.get(chainId)!));
  }

  get size(): number {
    return this.#layers.size;
  }

  toJSON(): readonly LayerRecord[] {
    return this.list();
  }

  /** Rebuilds a store from `toJSON()` output, checking that every parent is present. */
  static fromJSON(
    records: readonly LayerRecord[],
    options: { layerCountMax?: number } = {},
  ): LayerStore {
    const store = new LayerStore(options);
    if (records.length > store.#layerCountMax) {
      throw new LimitExceededError({
        what: "layers in the layer store",
        limit: store.#layerCountMax,
        actual: records.length,
      });
    }
    for (const item of records) {
      const chainId = parseDigest(item.chainId);
      const layer: MutableLayer = { diffId: parseDigest(item.diffId), references: item.references };
      if (!Number.isSafeInteger(item.references) || item.references < 1)
        corrupt(`layer ${chainId} has ${item.references} references`);
      store.#layers.set(
        chainId,
        item.parent === undefined ? layer : { ...layer, parent: parseDigest(item.parent) },
      );
    }
    for (const [chainId, layer] of store.#layers) {
      if (layer.parent !== undefined && !store.#layers.has(layer.parent))
        corrupt(`layer ${chainId} has a missing parent ${layer.parent}`);
      const expected =
        layer.parent === undefined ? layer.diffId : nextChainId(layer.parent, layer.diffId);
      if (expected !== chainId)
        corrupt(`layer ${chainId} is not the chain of its parent and diff ID`);
    }
    return store;
  }
}

function record(chainId: Digest, layer: MutableLayer): LayerRecord {
  const out =
    layer.parent === undefined
      ? { chainId, diffId: layer.diffId, references: layer.references }
      : { chainId, diffId: layer.diffId, parent: layer.parent, references: layer.references };
  return Object.freeze(out);
}

function corrupt(message: string): never {
  throw new DrydockError("DataLoss", `layer store state is inconsistent: ${message}`, {
    data: { detail: message },
  });
}
