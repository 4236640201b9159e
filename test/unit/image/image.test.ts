import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type Digest, digestOf, parseDigest } from "../../../src/digest/digest.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { chainId, chainIds } from "../../../src/image/chain-id.ts";
import { descriptorOf } from "../../../src/image/descriptor.ts";
import {
  appendEmptyLayerHistory,
  appendLayer,
  configBytes,
  configDescriptor,
  IMAGE_LAYER_COUNT_MAX,
  type Image,
  imageFromConfigBytes,
  scratchImage,
  withCompressedLayers,
  withConfig,
} from "../../../src/image/image.ts";
import { parseManifest } from "../../../src/image/manifest.ts";
import { MediaType } from "../../../src/image/media-types.ts";
import { fixtureBytes, fixtureText } from "./fixtures.ts";

const T0 = Date.UTC(2026, 0, 1) * 1000;
const diff = (label: string): Digest => digestOf(new TextEncoder().encode(label));

describe("chain IDs", () => {
  it("match the chain ID dockerd printed when it released a two-layer image", () => {
    const lower = parseDigest(
      "sha256:debe8bc1e29be3c32563f1038a63b48c9d30a57b1bb14c098f497119c29bc18e",
    );
    const upper = parseDigest(
      "sha256:1ff1926333cbe02544901ce1dbc959fb088ebf3d0a6742e6fe933ca2b73f60bb",
    );
    assert.deepEqual(chainIds([lower, upper]), [
      lower,
      "sha256:0c6b66808844ad3edae677760985b184a94b55291457e6f0f2e3c4b2e516d1ca",
    ]);
    assert.equal(chainId([]), undefined);
    assert.equal(chainId([lower]), lower);
  });
});

describe("images from received configs", () => {
  it("keeps the bytes: the ID is the digest of the config as received", () => {
    const image = imageFromConfigBytes(fixtureBytes("image-config.docker.json.bytes"));
    assert.equal(
      image.id,
      "sha256:9af700bc989c5dc4c038638d790a6d10c8a5e2cc86d54ec1276bf0bc90611a1b",
    );
    assert.equal(image.configJson, fixtureText("image-config.docker.json.bytes"));
    assert.deepEqual(configBytes(image), fixtureBytes("image-config.docker.json.bytes"));
    assert.deepEqual(configDescriptor(image), {
      mediaType: MediaType.dockerConfig,
      digest: image.id,
      sizeBytes: 2845,
    });
    assert.equal(image.layers.length, 5);
    assert.equal(image.layers[0]?.chainId, image.layers[0]?.diffId);
  });

  it("never re-serialises: odd but valid JSON keeps its own ID", () => {
    const text = '{ "rootfs" : {"type":"layers"}, "os":"linux" }\n';
    const image = imageFromConfigBytes(text);
    assert.equal(image.id, digestOf(new TextEncoder().encode(text)));
    assert.equal(image.configJson, text);
  });

  it("lines compressed descriptors up with diff IDs, or fails with dockerd's message", () => {
    const manifest = parseManifest(fixtureText("docker-push-manifest.v2.json.bytes"));
    const image = imageFromConfigBytes(fixtureText("image-config.docker.json.bytes"), {
      compressedLayers: manifest.layers,
    });
    assert.equal(image.layers[4]?.compressed?.sizeBytes, 148);
    assert.throws(
      () =>
        imageFromConfigBytes(fixtureText("image-config.docker.json.bytes"), {
          compressedLayers: manifest.layers.slice(1),
        }),
      (error: unknown) =>
        (error as Error).message === "layers from manifest don't match image configuration",
    );
    assert.throws(
      () => withCompressedLayers(image, []),
      /layers from manifest don't match image configuration/,
    );
  });
});

describe("building images", () => {
  const base = scratchImage({ createdUs: T0 });

  it("starts FROM scratch as linux/amd64 with no layers", () => {
    assert.equal(base.config.architecture, "amd64");
    assert.equal(base.config.os, "linux");
    assert.equal(base.layers.length, 0);
    assert.equal(base.config.created, "2026-01-01T00:00:00Z");
  });

  it("appends layers and history; created follows the last step", () => {
    const one = appendLayer(base, {
      diffId: diff("a"),
      history: { createdUs: T0 + 1_500, createdBy: "/bin/sh -c #(nop) COPY a /a" },
    });
    const two = appendEmptyLayerHistory(one, {
      createdUs: T0 + 2_000_000,
      createdBy: "/bin/sh -c #(nop)  ENV X=1",
    });
    assert.deepEqual(two.config.rootfs.diffIds, [diff("a")]);
    assert.deepEqual(two.config.history, [
      { created: "2026-01-01T00:00:00.0015Z", createdBy: "/bin/sh -c #(nop) COPY a /a" },
      {
        created: "2026-01-01T00:00:02Z",
        createdBy: "/bin/sh -c #(nop)  ENV X=1",
        emptyLayer: true,
      },
    ]);
    assert.equal(two.config.created, "2026-01-01T00:00:02Z");
    assert.notEqual(two.id, one.id);
    assert.equal(two.id, digestOf(configBytes(two)));
    assert.match(
      two.configJson,
      /"history":\[\{"created":"2026-01-01T00:00:00.0015Z","created_by":"\/bin\/sh -c #\(nop\) COPY a \/a"\},\{[^}]*"empty_layer":true\}\]/,
    );
  });

  it("patches the runtime config member by member", () => {
    const patched = withConfig(base, {
      config: { env: ["PATH=/bin"], cmd: ["sh"] },
      dockerVersion: "20.10.24+dfsg1",
      createdUs: T0 + 5,
    });
    assert.deepEqual(patched.config.config?.env, ["PATH=/bin"]);
    assert.equal(patched.config.config?.user, "");
    assert.equal(patched.config.dockerVersion, "20.10.24+dfsg1");
    assert.equal(patched.config.created, "2026-01-01T00:00:00.000005Z");
    const again = withConfig(patched, { config: { cmd: ["echo"] } });
    assert.deepEqual(again.config.config?.env, ["PATH=/bin"]);
    assert.deepEqual(again.config.config?.cmd, ["echo"]);
  });

  it("keeps compressed descriptors through changes that do not touch layers", () => {
    const blob = descriptorOf(MediaType.dockerLayerGzip, new Uint8Array([1, 2, 3]));
    const one = appendLayer(base, {
      diffId: diff("a"),
      history: { createdUs: T0 },
      compressed: blob,
    });
    assert.equal(withConfig(one, { author: "me" }).layers[0]?.compressed, blob);
    assert.equal(withCompressedLayers(one, [undefined]).layers[0]?.compressed, undefined);
    assert.equal(withCompressedLayers(one, [undefined]).id, one.id);
  });

  it("refuses more than 125 layers with dockerd's message", () => {
    let image: Image = base;
    for (let index = 0; index < IMAGE_LAYER_COUNT_MAX; index++) {
      image = appendLayer(image, { diffId: diff(String(index)), history: { createdUs: T0 } });
    }
    assert.throws(
      () => appendLayer(image, { diffId: diff("one too many"), history: { createdUs: T0 } }),
      (error: unknown) =>
        isLimitExceeded(error) && (error as Error).message === "max depth exceeded",
    );
  });

  it("produces frozen values and leaves its inputs untouched", () => {
    const before = JSON.stringify(base);
    const next = appendLayer(base, { diffId: diff("x"), history: { createdUs: T0 } });
    withConfig(next, { config: { labels: { a: "b" } } });
    assert.equal(JSON.stringify(base), before);
    for (const value of [
      next,
      next.config,
      next.layers,
      next.layers[0],
      next.config.rootfs,
      next.config.rootfs.diffIds,
      next.config.history,
    ]) {
      assert.ok(Object.isFrozen(value));
    }
    assert.throws(() => {
      (next.layers as unknown as Digest[]).push(diff("y"));
    }, TypeError);
  });
});
