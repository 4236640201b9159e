import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

/** Outputs as docker CLI 28.2 printed them against dockerd 20.10 (2026-11-28, see
 * test/fixtures/daemon/network-connect.json). */
describe("network connect, disconnect, prune", () => {
  it("connect sends the CLI's endpoint config and prints nothing", async () => {
    const engine = fakeEngine({ networkConnect: async () => undefined });
    const result = await runLine(engine, [
      "network",
      "connect",
      "--alias",
      "web,w2",
      "--alias",
      "w3",
      "--ip",
      "10.77.5.5",
      "--driver-opt",
      "a=b",
      "n1",
      "c1",
    ]);
    assert.deepEqual([result.stdout, result.stderr, result.exitCode], ["", "", 0]);
    assert.deepEqual(engine.calls[0], [
      "networkConnect",
      [
        "n1",
        {
          Container: "c1",
          EndpointConfig: {
            IPAMConfig: { IPv4Address: "10.77.5.5" },
            Aliases: ["web", "w2", "w3"],
            DriverOpts: { a: "b" },
          },
        },
      ],
    ]);
  });

  it("disconnect -f forwards Force; errors are the daemon's", async () => {
    const engine = fakeEngine({
      networkDisconnect: async () => {
        throw new DrydockError("NotFound", "endpoint nocont not found");
      },
    });
    const result = await runLine(engine, ["network", "disconnect", "-f", "n1", "nocont"]);
    assert.equal(result.stderr, "Error response from daemon: endpoint nocont not found\n");
    assert.equal(result.exitCode, 1);
    assert.deepEqual(engine.calls[0]![1], ["n1", { Container: "nocont", Force: true }]);
  });

  it("prune asks first, then lists what went", async () => {
    const engine = fakeEngine({
      networkPrune: async () => ({ deleted: ["ddq-net0", "ddq-net2"], SpaceReclaimed: 0 }),
    });
    const warning =
      "WARNING! This will remove all custom networks not used by at least one container.\n" +
      "Are you sure you want to continue? [y/N] ";
    const declined = await runLine(engine, ["network", "prune"], { stdin: "n\n" });
    assert.deepEqual([declined.stdout, engine.calls.length], [warning, 0]);
    const pruned = await runLine(engine, ["network", "prune", "--filter", "label=ddq"], {
      stdin: "y\n",
    });
    assert.equal(pruned.stdout, `${warning}Deleted Networks:\nddq-net0\nddq-net2\n\n`);
    assert.deepEqual(engine.calls[0]![1], [{ filters: { label: ["ddq"] } }]);
  });

  it("prune -f with nothing to delete prints nothing", async () => {
    const engine = fakeEngine({ networkPrune: async () => ({ deleted: [], SpaceReclaimed: 0 }) });
    assert.deepEqual((await runLine(engine, ["network", "prune", "-f"])).stdout, "");
  });
});
