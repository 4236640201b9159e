import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { type Digest, digestOf } from "../../src/digest/digest.ts";
import { createPortableSha256 } from "../../src/digest/sha256.ts";
import { chainIds } from "../../src/image/chain-id.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  type Image,
  imageFromConfigBytes,
  scratchImage,
  withConfig,
} from "../../src/image/image.ts";
import { parseImageConfig, serializeImageConfig } from "../../src/image/image-config.ts";

const SEED = 7_2026;
const RUNS = 150;
const T0 = Date.UTC(2026, 0, 1) * 1000;

const diffId = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => digestOf(bytes));

/** The chain ID written straight from the OCI definition, with the portable hasher. */
function naiveChainId(diffIds: readonly Digest[]): string {
  if (diffIds.length === 1) return diffIds[0]!;
  const parent = naiveChainId(diffIds.slice(0, -1));
  const text = `${parent} ${diffIds.at(-1)}`;
  return `sha256:${createPortableSha256().update(new TextEncoder().encode(text)).digestHex()}`;
}

const text = fc.string({ maxLength: 12, unit: "binary" });
const operation = fc.oneof(
  fc.record({
    kind: fc.constant("layer" as const),
    diffId,
    createdBy: text,
    atUs: fc.nat({ max: 10 ** 9 }),
  }),
  fc.record({
    kind: fc.constant("empty" as const),
    createdBy: text,
    atUs: fc.nat({ max: 10 ** 9 }),
  }),
  fc.record({
    kind: fc.constant("config" as const),
    env: fc.array(text, { maxLength: 3 }),
    cmd: fc.option(fc.array(text, { maxLength: 3 }), { nil: null }),
    labels: fc.dictionary(text, text, { maxKeys: 3 }),
    ports: fc.uniqueArray(fc.constantFrom("80/tcp", "443/tcp", "53/udp"), { maxLength: 3 }),
    user: text,
  }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

function apply(image: Image, step: Operation): Image {
  switch (step.kind) {
    case "layer":
      return appendLayer(image, {
        diffId: step.diffId,
        history: { createdUs: T0 + step.atUs, createdBy: step.createdBy },
      });
    case "empty":
      return appendEmptyLayerHistory(image, {
        createdUs: T0 + step.atUs,
        createdBy: step.createdBy,
      });
    case "config":
      return withConfig(image, {
        config: {
          env: step.env,
          cmd: step.cmd,
          labels: step.labels,
          exposedPorts: [...step.ports].sort(),
          user: step.user,
        },
      });
  }
}

describe("images (properties)", () => {
  it("chainIds agrees with the straightforward recursive definition", () => {
    fc.assert(
      fc.property(fc.array(diffId, { minLength: 1, maxLength: 12 }), (diffIds) => {
        const chains = chainIds(diffIds);
        assert.equal(chains.length, diffIds.length);
        for (const [index, chain] of chains.entries()) {
          assert.equal(chain, naiveChainId(diffIds.slice(0, index + 1)));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("never changes its inputs, and returns frozen values", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 8 }), (steps) => {
        let image = scratchImage({ createdUs: T0 });
        for (const step of steps) {
          const before = JSON.stringify(image);
          const next = apply(image, step);
          assert.equal(JSON.stringify(image), before);
          assert.ok(
            Object.isFrozen(next) && Object.isFrozen(next.config) && Object.isFrozen(next.layers),
          );
          assert.ok(next.config.config === undefined || Object.isFrozen(next.config.config));
          image = next;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("writes canonical bytes: stable under re-parsing, the ID is their digest, builds are deterministic", () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 8 }), (steps) => {
        const build = () => steps.reduce(apply, scratchImage({ createdUs: T0 }));
        const image = build();
        assert.equal(serializeImageConfig(parseImageConfig(image.configJson)), image.configJson);
        assert.equal(image.id, digestOf(new TextEncoder().encode(image.configJson)));
        assert.equal(imageFromConfigBytes(image.configJson).id, image.id);
        assert.equal(build().id, image.id);
        const layerSteps = steps.filter((step) => step.kind === "layer");
        assert.deepEqual(
          image.layers.map((layer) => layer.diffId),
          layerSteps.map((step) => step.diffId),
        );
        assert.equal(
          image.config.history?.length ?? 0,
          steps.filter((step) => step.kind !== "config").length,
        );
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("escapes every string so JSON.parse reads back exactly what was written", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 20 }),
        fc.string({ unit: "binary", maxLength: 20 }),
        (label, value) => {
          const image = withConfig(scratchImage(), { config: { labels: { [label]: value } } });
          const parsed = JSON.parse(image.configJson) as {
            config: { Labels: Record<string, string> };
          };
          assert.equal(parsed.config.Labels[label], value);
          assert.doesNotMatch(image.configJson, /[<>&\u2028\u2029]/);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
