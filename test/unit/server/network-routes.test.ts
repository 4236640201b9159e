import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { header, openServedWorld, type ServedWorld, statusOf, textOf } from "./served-world.ts";

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * Answers compared with dockerd 20.10 over its socket (curl, 2026-11-28; see
 * test/fixtures/daemon/network-connect.json): 200 with an empty body and no Content-Type on
 * success, Go's decoding errors for bad bodies.
 */
describe("network connect, disconnect and prune routes", () => {
  let world: ServedWorld;
  before(async () => {
    world = await openServedWorld();
  });
  after(() => world.close());

  async function post(target: string, body: string): Promise<[number, string]> {
    const response = await world.send("POST", `/v1.41${target}`, { body, headers: JSON_HEADERS });
    return [statusOf(response), await textOf(response)];
  }

  it("connects and disconnects a created container", async () => {
    assert.equal((await post("/networks/create", '{"Name":"rn1"}'))[0], 201);
    const [status, created] = await post("/containers/create?name=rc1", '{"Image":"busybox"}');
    assert.equal(status, 201);
    const id = JSON.parse(created).Id as string;
    const body = '{"Container":"rc1","EndpointConfig":{"IPAMConfig":{},"Aliases":["web"]}}';
    const connect = await world.send("POST", "/v1.41/networks/rn1/connect", {
      body,
      headers: JSON_HEADERS,
    });
    assert.equal(statusOf(connect), 200);
    assert.equal(await textOf(connect), "");
    assert.equal(header(connect, "Content-Type"), undefined);
    const inspect = JSON.parse(await textOf(await world.send("GET", "/v1.41/containers/rc1/json")));
    assert.deepEqual(inspect.NetworkSettings.Networks.rn1.Aliases, ["web", id.slice(0, 12)]);
    assert.deepEqual(await post("/networks/rn1/disconnect", '{"Container":"rc1","Force":true}'), [
      200,
      "",
    ]);
    assert.deepEqual(await post("/networks/rn1/disconnect", '{"Container":"rc1"}'), [
      500,
      `{"message":"container ${id} is not connected to the network rn1"}\n`,
    ]);
  });

  it("answers bad bodies as dockerd does", async () => {
    assert.deepEqual(await post("/networks/bridge/connect", ""), [
      400,
      '{"message":"got EOF while reading request body"}\n',
    ]);
    assert.deepEqual(await post("/networks/bridge/connect", "{}"), [
      400,
      '{"message":"invalid name or ID supplied: \\"\\""}\n',
    ]);
    assert.deepEqual(await post("/networks/bridge/connect", '{"Container":5}'), [
      400,
      '{"message":"json: cannot unmarshal number into Go struct field NetworkConnect.Container of type string"}\n',
    ]);
    assert.deepEqual(await post("/networks/nonet/connect", '{"Container":"x"}'), [
      404,
      '{"message":"network nonet not found"}\n',
    ]);
  });

  it("prunes and reports NetworksDeleted (null when none)", async () => {
    assert.equal((await post("/networks/create", '{"Name":"rn-idle"}'))[0], 201);
    const filters = encodeURIComponent('{"label":{"nomatch":true}}');
    assert.deepEqual(await post(`/networks/prune?filters=${filters}`, ""), [
      200,
      '{"NetworksDeleted":null}\n',
    ]);
    const [status, text] = await post("/networks/prune", "");
    assert.equal(status, 200);
    assert.ok(JSON.parse(text).NetworksDeleted.includes("rn-idle"));
  });
});
