import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import { AssertionError } from "../../../src/errors/assert.ts";
import { hasErrorCode, isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { chainIds } from "../../../src/image/chain-id.ts";
import { LayerStore } from "../../../src/image/layer-store.ts";

const diff = (label: string): Digest => digestOf(new TextEncoder().encode(label));
const [A, B, C] = [diff("a"), diff("b"), diff("c")];

describe("layer store", () => {
  it("registers a stack, each layer holding its parent", () => {
    const store = new LayerStore();
    const top = store.retain([A, B, C]);
    const chains = chainIds([A, B, C]);
    assert.equal(top, chains[2]);
    assert.deepEqual(
      store.list().map((layer) => [layer.chainId, layer.parent, layer.references]),
      [...chains.map((chain, index) => [chain, chains[index - 1], 1])].sort((x, y) =>
        x[0]! < y[0]! ? -1 : 1,
      ),
    );
    assert.equal(store.retain([]), undefined);
  });

  it("shares lower layers and releases only what nothing holds, top first", () => {
    const store = new LayerStore();
    const [ab, abc] = [store.retain([A, B])!, store.retain([A, B, C])!];
    assert.equal(store.get(ab)?.references, 2);
    assert.deepEqual(store.release(ab), []);
    assert.deepEqual(store.release(abc), [abc, ab, A]);
    assert.equal(store.size, 0);
  });

  it("counts a second hold on the same stack", () => {
    const store = new LayerStore();
    const top = store.retain([A])!;
    store.retain([A]);
    assert.deepEqual(store.release(top), []);
    assert.deepEqual(store.release(top), [A]);
    assert.throws(() => store.release(top), AssertionError);
  });

  it("enforces its layer count limit without half-registering", () => {
    const store = new LayerStore({ layerCountMax: 2 });
    assert.throws(() => store.retain([A, B, C]), isLimitExceeded);
    assert.equal(store.size, 0);
  });

  it("round-trips through JSON and refuses inconsistent state", () => {
    const store = new LayerStore();
    store.retain([A, B]);
    store.retain([C]);
    const copy = LayerStore.fromJSON(JSON.parse(JSON.stringify(store)));
    assert.deepEqual(copy.list(), store.list());
    const records = store.list();
    const orphan = records.filter((layer) => layer.chainId !== A);
    assert.throws(
      () => LayerStore.fromJSON(orphan),
      (error: unknown) => hasErrorCode(error, "DataLoss"),
    );
    const forged = records.map((layer) =>
      layer.parent === undefined ? layer : { ...layer, diffId: C },
    );
    assert.throws(() => LayerStore.fromJSON(forged), /not the chain of its parent/);
    const zero = records.map((layer) => ({ ...layer, references: 0 }));
    assert.throws(() => LayerStore.fromJSON(zero), /0 references/);
  });
});
