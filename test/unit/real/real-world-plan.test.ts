import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planRealWorld, type RealWorldPlan } from "../../../src/real/real-world-plan.ts";
import type { WorldSpec } from "../../../src/world/world-spec.ts";

const TWO_HOSTS: WorldSpec = {
  hosts: [{ name: "a" }, { name: "b", baseImages: ["busybox"] }],
  registries: [
    { name: "docker.io", images: ["busybox", "alpine"] },
    { name: "registry.local:5000" },
    { name: "mirror.example", images: ["busybox"] },
  ],
  links: [{ host: "b", registry: "registry.local:5000", latencyMs: 20, bandwidthMbps: 8 }],
  defaultLink: { latencyMs: 2, bandwidthMbps: 500 },
};

function planned(spec: WorldSpec): RealWorldPlan {
  const plan = planRealWorld(spec);
  if (typeof plan === "string") assert.fail(plan);
  return plan;
}

describe("planRealWorld", () => {
  it("gives every host↔registry pair its own loopback address and the spec's shape", () => {
    const plan = planned(TWO_HOSTS);
    assert.deepEqual(
      plan.pairs.map((p) => [p.host, p.registry, `${p.listen.host}:${p.listen.port}`, p.shape]),
      [
        ["a", "docker.io", "127.77.1.1:80", { latencyMs: 2, bandwidthMbps: 500 }],
        ["a", "registry.local:5000", "127.77.1.2:5000", { latencyMs: 2, bandwidthMbps: 500 }],
        ["a", "mirror.example", "127.77.1.3:80", { latencyMs: 2, bandwidthMbps: 500 }],
        ["b", "docker.io", "127.77.2.1:80", { latencyMs: 2, bandwidthMbps: 500 }],
        ["b", "registry.local:5000", "127.77.2.2:5000", { latencyMs: 20, bandwidthMbps: 8 }],
        ["b", "mirror.example", "127.77.2.3:80", { latencyMs: 2, bandwidthMbps: 500 }],
      ],
    );
  });

  it("points each daemon's hosts entries, mirror and insecure registries at its own pairs", () => {
    const [a, b] = planned(TWO_HOSTS).hosts;
    assert.deepEqual(a, {
      name: "a",
      hostsEntries: { "registry.local": "127.77.1.2", "mirror.example": "127.77.1.3" },
      registryMirrors: ["http://127.77.1.1"],
      insecureRegistries: ["registry.local:5000", "mirror.example"],
      busybox: false,
    });
    assert.equal(b?.hostsEntries["registry.local"], "127.77.2.2");
    assert.deepEqual(b?.registryMirrors, ["http://127.77.2.1"]);
    assert.equal(b?.busybox, true);
  });

  it("seeds busybox under the simulator's repository names", () => {
    assert.deepEqual(planned(TWO_HOSTS).registries, [
      { name: "docker.io", busyboxRepository: "library/busybox" },
      { name: "registry.local:5000" },
      { name: "mirror.example", busyboxRepository: "busybox" },
    ]);
  });

  it("falls back to DEFAULT_LINK without links or defaultLink", () => {
    const plan = planned({ hosts: [{ name: "a" }], registries: [{ name: "docker.io" }] });
    assert.deepEqual(plan.pairs[0]?.shape, { latencyMs: 1, bandwidthMbps: 1_000 });
    assert.deepEqual(plan.pairs[0]?.listen, { host: "127.77.1.1", port: 80 });
  });

  it("lists what the real world leaves out", () => {
    const plan = planned({
      hosts: [
        {
          name: "a",
          baseImages: ["alpine"],
          uplinkMbps: 10,
          clientLink: { latencyMs: 1, bandwidthMbps: 1 },
        },
      ],
      registries: [
        { name: "docker.io", images: ["alpine"], uplinkMbps: 5 },
        { name: "r.local", auth: { users: { u: "p" } } },
      ],
    });
    const text = plan.limitations.join("\n");
    for (const expected of [
      /host a: alpine/,
      /host a: its uplink/,
      /host a: the client link/,
      /registry docker\.io: alpine/,
      /registry docker\.io: its uplink/,
      /registry docker\.io: reached as a --registry-mirror/,
      /registry r\.local: token auth/,
    ])
      assert.match(text, expected);
    assert.equal(plan.limitations.length, 7);
    assert.deepEqual(planned({ hosts: [{ name: "a" }] }).limitations, []);
  });

  it("keeps localhost registries on 127.0.0.1 for a single host and refuses them for two", () => {
    const one = planned({ hosts: [{ name: "a" }], registries: [{ name: "localhost:5000" }] });
    assert.deepEqual(one.pairs[0]?.listen, { host: "127.0.0.1", port: 5000 });
    assert.deepEqual(one.hosts[0]?.hostsEntries, {});
    const two = planRealWorld({
      hosts: [{ name: "a" }, { name: "b" }],
      registries: [{ name: "localhost:5000" }],
    });
    assert.match(String(two), /registry localhost:5000 is this machine's own loopback address/);
  });

  it("refuses names it cannot map", () => {
    assert.match(
      String(planRealWorld({ hosts: [{ name: "a" }], registries: [{ name: "10.0.0.1:5000" }] })),
      /use a domain name/,
    );
    assert.match(
      String(planRealWorld({ hosts: [{ name: "a" }], registries: [{ name: "Bad_Name" }] })),
      /not a domain\[:port\]/,
    );
    const many = Array.from({ length: 17 }, (_, i) => ({ name: `h${i}` }));
    assert.match(String(planRealWorld({ hosts: many })), /at most 16 hosts/);
  });
});
