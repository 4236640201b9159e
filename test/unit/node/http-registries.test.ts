import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { parseHttpRegistries } from "../../../src/node/http-registries.ts";

describe("parseHttpRegistries (DRYDOCK_REGISTRIES)", () => {
  it("reads HOST:PORT with dockerd's scheme, URLs, and DOMAIN=URL, sorted by domain", () => {
    const registries = parseHttpRegistries(
      "127.0.0.1:5000, https://reg.example, registry.internal:443,localhost:5000=http://127.0.0.1:5077",
    );
    assert.deepEqual(registries.entries, [
      { domain: "127.0.0.1:5000", origin: "http://127.0.0.1:5000" },
      { domain: "localhost:5000", origin: "http://127.0.0.1:5077" },
      { domain: "reg.example", origin: "https://reg.example" },
      { domain: "registry.internal", origin: "https://registry.internal" },
    ]);
    assert.ok(registries.resolver("127.0.0.1:5000") !== undefined);
    assert.equal(registries.resolver("docker.io"), undefined);
    registries.close();
  });

  it("refuses a URL with a path, a domain listed twice, and nonsense", () => {
    for (const spec of ["http://h:1/v2", "a:1,a:1", "http://", "x=ftp://h"])
      assert.throws(
        () => parseHttpRegistries(spec),
        (error) => isDrydockError(error) && error.code === "InvalidArgument",
        spec,
      );
  });

  it("an empty list names no registry", () => {
    assert.deepEqual(parseHttpRegistries(" , ").entries, []);
  });
});
