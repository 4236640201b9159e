import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  eventLine,
  parseGoDuration,
  timestampArgument,
} from "../../../../src/client/commands/events.ts";
import type { EventMessage } from "../../../../src/engine/api-types.ts";
import { DrydockError } from "../../../../src/errors/drydock-error.ts";
import { fakeEngine, iterate } from "../helpers/fake-engine.ts";
import { runLine } from "../helpers/run-line.ts";

const EVENT: EventMessage = {
  status: "create",
  id: "a".repeat(64),
  from: "busybox",
  Type: "container",
  Action: "create",
  Actor: { ID: "a".repeat(64), Attributes: { name: "x1", image: "busybox" } },
  scope: "local",
  time: 1795816680,
  timeNano: 1795816680532095076n,
};

describe("volume, network, system and registry commands", () => {
  it("volume create/rm print names; rm collects failures", async () => {
    const engine = fakeEngine({
      volumeCreate: async (request) => ({ Name: request.Name ?? "anon" }) as never,
      volumeRemove: async (name) => {
        if (name === "used")
          throw new DrydockError("Conflict", "remove used: volume is in use - [abc]");
      },
    });
    assert.equal(
      (await runLine(engine, ["volume", "create", "--label", "a=b", "-o", "type=tmpfs", "v1"]))
        .stdout,
      "v1\n",
    );
    assert.deepEqual(engine.calls[0]![1], [
      { Driver: "local", DriverOpts: { type: "tmpfs" }, Labels: { a: "b" }, Name: "v1" },
    ]);
    const rm = await runLine(engine, ["volume", "rm", "v1", "used"]);
    assert.equal(rm.stdout, "v1\n");
    assert.equal(rm.stderr, "Error response from daemon: remove used: volume is in use - [abc]\n");
  });

  it("network create prints the ID; rm looks the network up first; -f ignores missing ones", async () => {
    const engine = fakeEngine({
      networkCreate: async () => ({ Id: "n".repeat(64), Warning: "" }),
      networkInspect: async (name) => {
        if (name === "nope") throw new DrydockError("NotFound", "network nope not found");
        return {} as never;
      },
      networkRemove: async () => undefined,
    });
    assert.equal(
      (await runLine(engine, ["network", "create", "--subnet", "10.1.0.0/16", "net1"])).stdout,
      `${"n".repeat(64)}\n`,
    );
    assert.equal((engine.calls[0]![1][0] as { Driver: string }).Driver, "bridge");
    assert.equal((await runLine(engine, ["network", "rm", "net1"])).stdout, "net1\n");
    assert.equal(
      (await runLine(engine, ["network", "rm", "nope"])).stderr,
      "Error response from daemon: network nope not found\n",
    );
    assert.equal((await runLine(engine, ["network", "rm", "-f", "nope"])).exitCode, 0);
  });

  it("system prune lists what each prune removed and the total", async () => {
    const engine = fakeEngine({
      containerPrune: async () => ({ deleted: ["c1"], SpaceReclaimed: 10 }),
      imagePrune: async () => ({ deleted: [{ Deleted: "sha256:x" }], SpaceReclaimed: 1000 }),
    });
    const result = await runLine(engine, ["system", "prune", "-f"]);
    assert.equal(
      result.stdout,
      "Deleted Containers:\nc1\n\nDeleted Images:\ndeleted: sha256:x\n\nTotal reclaimed space: 1.01kB\n",
    );
  });

  it("events print docker's line format, or a template", async () => {
    assert.equal(
      eventLine(EVENT),
      `2026-11-27T21:58:00.532095076Z container create ${"a".repeat(64)} (image=busybox, name=x1)\n`,
    );
    const engine = fakeEngine({ events: () => iterate([EVENT]) });
    const formatted = await runLine(engine, [
      "events",
      "--format",
      "{{.Type}} {{.Action}} {{.Actor.Attributes.name}}",
    ]);
    assert.equal(formatted.stdout, "container create x1\n");
    const json = await runLine(engine, ["events", "--format", "json"]);
    assert.match(json.stdout, /"timeNano":1795816680532095076}\n$/);
  });

  it("events --since/--until: durations and dates become Unix times", () => {
    const now = Date.UTC(2026, 0, 1) * 1000;
    assert.equal(parseGoDuration("1h30m"), 5_400_000_000);
    assert.equal(parseGoDuration("abc"), undefined);
    assert.equal(timestampArgument("10m", now), `${Date.UTC(2026, 0, 1) / 1000 - 600}.000000000`);
    assert.equal(timestampArgument("2026-01-01", now), `${Date.UTC(2026, 0, 1) / 1000}.000000000`);
    assert.equal(timestampArgument("1767225600", now), "1767225600");
  });

  it("login checks credentials with the engine; logout prints docker's line", async () => {
    const engine = fakeEngine({
      auth: async () => ({ Status: "Login Succeeded", IdentityToken: "" }),
    });
    const login = await runLine(engine, ["login", "-u", "me", "-p", "pw", "localhost:5000"]);
    assert.equal(login.stdout, "Login Succeeded\n");
    assert.equal(
      login.stderr,
      "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n",
    );
    assert.deepEqual(engine.calls[0]![1], [
      { username: "me", password: "pw", serveraddress: "localhost:5000" },
    ]);
    const stdin = await runLine(engine, ["login", "-u", "me", "--password-stdin"], {
      stdin: "secret\n",
    });
    assert.equal(stdin.exitCode, 0);
    assert.equal((engine.calls[1]![1][0] as { password: string }).password, "secret");
    assert.equal(
      (await runLine(engine, ["logout", "localhost:5000"])).stdout,
      "Removing login credentials for localhost:5000\n",
    );
  });
});
