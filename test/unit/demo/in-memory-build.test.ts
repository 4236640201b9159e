import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runInMemoryBuildDemo } from "../../../src/demo/in-memory-build.ts";
import { digestOf } from "../../../src/digest/digest.ts";
import { parseManifest } from "../../../src/image/manifest.ts";

function run(): { text: string; imageId: string; configJson: string } {
  let text = "";
  const image = runInMemoryBuildDemo({ write: (chunk) => (text += chunk) });
  return { text, imageId: image.id, configJson: image.configJson };
}

describe("npm start demo (in-memory build)", () => {
  it("prints byte-identical output on every run", () => {
    assert.equal(run().text, run().text);
  });

  it("prints a manifest whose config digest is the image ID it built", () => {
    const { text, imageId, configJson } = run();
    assert.equal(digestOf(new TextEncoder().encode(configJson)), imageId);
    const manifestText = text.slice(text.indexOf('{\n   "schemaVersion"'));
    const manifest = parseManifest(new TextEncoder().encode(manifestText.trimEnd()), {});
    assert.equal(manifest.config.digest, imageId);
    assert.equal(manifest.layers.length, 2);
    assert.match(text, /Successfully built [0-9a-f]{12}\n/);
  });
});
