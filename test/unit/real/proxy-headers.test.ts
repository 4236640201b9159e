import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endToEndHeaders, rewriteLocation } from "../../../src/real/proxy-headers.ts";

describe("rewriteLocation", () => {
  const addresses = { targetAddress: "127.0.0.1:41234", proxyAddress: "127.77.1.1:5000" };

  it("points absolute URLs naming the registry at the proxy", () => {
    assert.equal(
      rewriteLocation("http://127.0.0.1:41234/v2/app/blobs/uploads/u?_state=s", addresses),
      "http://127.77.1.1:5000/v2/app/blobs/uploads/u?_state=s",
    );
    assert.equal(rewriteLocation("http://127.0.0.1:41234", addresses), "http://127.77.1.1:5000");
  });

  it("leaves other locations alone", () => {
    for (const location of [
      "/v2/app/blobs/uploads/u",
      "http://127.0.0.1:412345/v2/",
      "http://127.77.1.1:5000/v2/app/manifests/v1",
      "https://127.0.0.1:41234/v2/",
      "http://registry.example/v2/",
    ])
      assert.equal(rewriteLocation(location, addresses), location);
  });
});

describe("endToEndHeaders", () => {
  it("drops hop-by-hop headers and keeps repeated ones", () => {
    assert.deepEqual(
      endToEndHeaders({
        host: ["127.77.1.1:5000"],
        connection: ["keep-alive"],
        "transfer-encoding": ["chunked"],
        "keep-alive": ["timeout=5"],
        "www-authenticate": ["Bearer a", "Basic b"],
        empty: [],
      }),
      { host: "127.77.1.1:5000", "www-authenticate": ["Bearer a", "Basic b"] },
    );
  });
});
