import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { childImage } from "../../../../src/builder/dispatch/child-image.ts";
import { formatRfc3339Nano, parseRfc3339 } from "../../../../src/clock/time-format.ts";
import { digestOf } from "../../../../src/digest/digest.ts";
import { imageFromConfig, imageFromConfigBytes } from "../../../../src/image/image.ts";

const IMAGE_FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures", "image");

/**
 * Rebuilds the last step of a config dockerd wrote: the parent is the same config without its
 * last history entry (and layer), the step's inputs come from the config itself. The bytes must
 * come out identical — except that simulated time has microseconds where dockerd wrote
 * nanoseconds, so the step's timestamp is cut to microseconds in the expected bytes too.
 */
function rebuildLastStep(file: string): { expected: string; actual: string; original: string } {
  const original = readFileSync(join(IMAGE_FIXTURES, file), "utf8");
  const created = imageFromConfigBytes(original).config.history!.at(-1)!.created!;
  const bytes = original.replaceAll(created, formatRfc3339Nano(parseRfc3339(created)!));
  const image = imageFromConfigBytes(original);
  const config = image.config;
  const history = config.history ?? [];
  const last = history.at(-1)!;
  const madeLayer = last.emptyLayer !== true;
  const diffIds = config.rootfs.diffIds;
  const parent = imageFromConfig({
    ...config,
    history: history.slice(0, -1),
    rootfs: { type: "layers", diffIds: madeLayer ? diffIds.slice(0, -1) : diffIds },
  });
  const child = childImage({
    parent,
    config: config.config!,
    containerConfig: config.containerConfig!,
    containerId: config.container,
    author: config.author ?? "",
    diffId: madeLayer ? diffIds.at(-1) : undefined,
    createdUs: parseRfc3339(last.created!)!,
    dockerVersion: config.dockerVersion!,
    os: config.os,
  });
  return {
    expected: bytes,
    actual: child.configJson,
    original: digestOf(new TextEncoder().encode(original)),
  };
}

describe("childImage (dockerd's NewChildImage)", () => {
  it("rebuilds the protocol recording's CMD step byte for byte (image 9af700bc…)", () => {
    const { expected, actual, original } = rebuildLastStep("image-config.docker.json.bytes");
    assert.equal(
      original,
      "sha256:9af700bc989c5dc4c038638d790a6d10c8a5e2cc86d54ec1276bf0bc90611a1b",
    );
    assert.equal(actual, expected);
  });

  it("rebuilds a step after MAINTAINER, with author in the config and the history", () => {
    const { expected, actual } = rebuildLastStep("config-all-instructions.docker.json.bytes");
    assert.equal(actual, expected);
  });

  it("rebuilds busybox's CMD step (FROM scratch lineage, Labels {} in container_config)", () => {
    const { expected, actual } = rebuildLastStep("config-busybox.docker.json.bytes");
    assert.equal(actual, expected);
  });

  it("starts a FROM scratch lineage with amd64/linux and only the new layer", () => {
    const image = childImage({
      config: {
        ...imageFromConfigBytes(
          readFileSync(join(IMAGE_FIXTURES, "config-busybox.docker.json.bytes")),
        ).config.config!,
      },
      containerConfig: imageFromConfigBytes(
        readFileSync(join(IMAGE_FIXTURES, "config-busybox.docker.json.bytes")),
      ).config.containerConfig!,
      author: "",
      diffId: digestOf(new Uint8Array(1024)),
      createdUs: 0,
      dockerVersion: "20.10.24+dfsg1",
      os: "linux",
    });
    assert.equal(image.config.architecture, "amd64");
    assert.equal(image.config.history?.length, 1);
    assert.deepEqual(image.config.rootfs.diffIds, [digestOf(new Uint8Array(1024))]);
    assert.equal(image.config.container, undefined);
  });
});
