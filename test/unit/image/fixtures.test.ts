import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { fixtureBytes } from "./fixtures.ts";

/** The sha256 each recorded file had when it was copied (see test/fixtures/image/README.md). */
const RECORDED: Readonly<Record<string, string>> = {
  "config-all-instructions.docker.json.bytes": "9209c473f0f4",
  "config-all-instructions.oci.json.bytes": "d83c4108a003",
  "config-busybox.docker.json.bytes": "3e0abe2122fc",
  "config-commit.docker.json.bytes": "8700dbf72c52",
  "config-import.docker.json.bytes": "9e6002171bb4",
  "config-scratch-shell-form.docker.json.bytes": "0caa83b9931b",
  "docker-manifest-list.v2.json.bytes": "15ebc67444f2",
  "docker-push-manifest-empty.v2.json.bytes": "beea5633af3f",
  "docker-push-manifest-import.v2.json.bytes": "1e0bf7902552",
  "docker-push-manifest.v2.json.bytes": "434fffb197a2",
  "image-config.docker.json.bytes": "9af700bc989c",
  "manifest-all-instructions.oci.json.bytes": "af1837f07371",
  "oci-layout-index.json.bytes": "fa5dfda19f8c",
  "skopeo-oci-config.json.bytes": "c5f40d56e517",
  "skopeo-oci-index.json.bytes": "3e4eb1248a8f",
  "skopeo-oci-manifest.json.bytes": "1e8188fe667b",
};

describe("image fixtures", () => {
  it("are byte-for-byte what the tools wrote (nothing reformatted them)", () => {
    for (const [name, prefix] of Object.entries(RECORDED)) {
      assert.equal(digestOf(fixtureBytes(name)).slice(7, 19), prefix, name);
    }
  });
});
