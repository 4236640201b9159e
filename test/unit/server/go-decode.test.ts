import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeGo } from "../../../src/server/go-decode.ts";
import {
  CONTAINER_CREATE_BODY,
  NETWORK_CREATE_BODY,
  VOLUME_CREATE_BODY,
} from "../../../src/server/request-schemas.ts";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

describe("decodeGo", () => {
  it("refuses wrong types with Go's messages (recorded from dockerd 20.10)", () => {
    const create = (value: unknown) => () =>
      decodeGo(value, CONTAINER_CREATE_BODY, { status: 500 });
    assert.equal(
      messageOf(create({ Image: 5 })),
      "json: cannot unmarshal number into Go struct field ContainerConfigWrapper.Image of type string",
    );
    assert.equal(
      messageOf(create({ Image: "busybox", HostConfig: { Memory: "x" } })),
      "json: cannot unmarshal string into Go struct field HostConfig.HostConfig.Memory of type int64",
    );
    assert.equal(
      messageOf(() => decodeGo({ Name: 5 }, VOLUME_CREATE_BODY, { status: 400 })),
      "json: cannot unmarshal number into Go struct field VolumeCreateBody.Name of type string",
    );
    assert.equal(
      messageOf(() => decodeGo([1], NETWORK_CREATE_BODY, { status: 400 })),
      "json: cannot unmarshal array into Go value of type types.NetworkCreateRequest",
    );
    assert.equal(
      messageOf(create({ HostConfig: { RestartPolicy: { MaximumRetryCount: 1.5 } } })),
      "json: cannot unmarshal number 1.5 into Go struct field RestartPolicy.HostConfig.RestartPolicy.MaximumRetryCount of type int",
    );
    assert.equal(
      messageOf(create({ HostConfig: { ConsoleSize: [-1, 2] } })),
      "json: cannot unmarshal number -1 into Go struct field HostConfig.HostConfig.ConsoleSize of type uint",
    );
  });

  it("matches field names case-insensitively and spells them canonically", () => {
    const decoded = decodeGo(
      { image: "busybox", hostconfig: { autoremove: true }, Extra: 1 },
      CONTAINER_CREATE_BODY,
      { status: 500 },
    );
    assert.deepEqual(decoded, { Image: "busybox", HostConfig: { AutoRemove: true }, Extra: 1 });
  });

  it("reads a string StrSlice as a one-element list, and null as absent", () => {
    const decoded = decodeGo(
      { Cmd: "echo", Entrypoint: null, Labels: { a: "b" } },
      CONTAINER_CREATE_BODY,
      { status: 500 },
    );
    assert.deepEqual(decoded, { Cmd: ["echo"], Entrypoint: null, Labels: { a: "b" } });
  });
});
