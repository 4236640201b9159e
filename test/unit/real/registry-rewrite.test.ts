import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { registryRewrite } from "../../../src/real/registry-rewrite.ts";

describe("registryRewrite", () => {
  const names = registryRewrite({ "registry.local:5000": "127.0.0.1:5001" });

  it("rewrites references to the real address and back", () => {
    assert.equal(names.toReal("registry.local:5000/app:1"), "127.0.0.1:5001/app:1");
    assert.equal(names.toReal("FROM registry.local:5000/base:1\n"), "FROM 127.0.0.1:5001/base:1\n");
    assert.equal(
      names.fromReal("The push refers to repository [127.0.0.1:5001/app]"),
      "The push refers to repository [registry.local:5000/app]",
    );
  });

  it("leaves longer names and other ports alone", () => {
    assert.equal(names.toReal("myregistry.local:5000/app"), "myregistry.local:5000/app");
    assert.equal(names.toReal("registry.local:50001/app"), "registry.local:50001/app");
    assert.equal(names.fromReal("127.0.0.1:50010/app"), "127.0.0.1:50010/app");
  });

  it("refuses malformed pairs with the flag's wording", () => {
    assert.throws(() => registryRewrite({ "a b": "x" }), /--registry takes NAME=HOST:PORT pairs/);
  });
});
