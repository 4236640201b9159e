import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { consolidateIpam } from "../../../../src/client/commands/network-ipam-options.ts";

const none = { subnets: [], ranges: [], gateways: [], auxAddresses: {} };

/** What the real CLI 28.2 printed for the same flags (exit 1, no prefix), 2026-11-28. */
describe("network create's IPAM flags (the CLI's consolidateIpam)", () => {
  it("pairs ranges, gateways and aux addresses with their subnet", () => {
    assert.deepEqual(
      consolidateIpam({
        subnets: ["10.9.0.0/24", "10.10.0.0/24"],
        ranges: ["10.10.0.0/25"],
        gateways: ["10.9.0.1"],
        auxAddresses: { x: "10.9.0.2" },
      }),
      [
        { Subnet: "10.9.0.0/24", Gateway: "10.9.0.1", AuxiliaryAddresses: { x: "10.9.0.2" } },
        { Subnet: "10.10.0.0/24", IPRange: "10.10.0.0/25" },
      ],
    );
    // A lone subnet goes to the daemon unchecked (dockerd words the error).
    assert.deepEqual(consolidateIpam({ ...none, subnets: ["bogus"] }), [{ Subnet: "bogus" }]);
  });

  it("refuses what cannot be paired with the CLI's messages", () => {
    const cases: [Partial<Parameters<typeof consolidateIpam>[0]>, string][] = [
      [
        { subnets: ["10.1.0.0/24", "10.1.0.0/25"] },
        "multiple overlapping subnet configuration is not supported",
      ],
      [
        { subnets: ["10.2.0.0/24"], ranges: ["10.2.0.0/26", "10.2.0.64/26"] },
        "every ip-range or gateway must have a corresponding subnet",
      ],
      [{ gateways: ["10.83.0.1"] }, "every ip-range or gateway must have a corresponding subnet"],
      [
        { subnets: ["10.4.0.0/24"], auxAddresses: { a: "10.5.0.1" } },
        "no matching subnet for aux-address 10.5.0.1",
      ],
      [
        { subnets: ["10.8.0.0/24"], auxAddresses: { bogus: "" } },
        "no matching subnet for aux-address ",
      ],
      [
        { subnets: ["bogus"], gateways: ["10.6.0.1"] },
        "invalid subnet: invalid CIDR address: bogus",
      ],
      [{ subnets: ["10.7.0.0/24"], ranges: ["bogus"] }, "invalid CIDR address: bogus"],
      [{ subnets: ["10.7.0.0/24"], ranges: ["10.7.0.5"] }, "invalid CIDR address: 10.7.0.5"],
      [
        { subnets: ["10.79.0.0/24"], gateways: ["10.80.0.1"] },
        "no matching subnet for gateway 10.80.0.1",
      ],
      [{ subnets: ["10.84.0.0/24"], gateways: ["bogus"] }, "no matching subnet for gateway bogus"],
      [
        { subnets: ["10.81.0.0/24"], ranges: ["10.82.0.0/25"] },
        "no matching subnet for range 10.82.0.0/25",
      ],
    ];
    for (const [flags, message] of cases) {
      assert.throws(
        () => consolidateIpam({ ...none, ...flags }),
        (error: { status?: string; exitCode?: number }) =>
          error.status === message && error.exitCode === 1,
        message,
      );
    }
  });
});
