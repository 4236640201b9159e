import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hostsFileText } from "../../../src/real/dockerd-process.ts";

describe("hostsFileText", () => {
  it("keeps the localhost lines and adds the entries sorted by name", () => {
    assert.equal(
      hostsFileText({ "registry.local": "127.77.1.2", "a.example": "127.77.1.3" }),
      "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" +
        "127.77.1.3\ta.example\n127.77.1.2\tregistry.local\n",
    );
  });

  it("rejects a bad name, a bad address and a new localhost", () => {
    assert.throws(() => hostsFileText({ "bad name": "127.0.0.1" }), /bad hosts entry name/);
    assert.throws(() => hostsFileText({ localhost: "127.0.0.2" }), /bad hosts entry name/);
    assert.throws(() => hostsFileText({ "r.local": "127.0.0.256" }), /bad IPv4/);
    assert.throws(() => hostsFileText({ "r.local": "::1" }), /bad IPv4/);
  });
});
