import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { drivenEngine } from "../../../src/client/driven-engine.ts";
import { openEngineHost } from "../../../src/daemon/engine-host.ts";
import { contextTar } from "../builder/executor/support/harness.ts";
import { collectText } from "./daemon-fixture.ts";

/*
 * just-bash's md5sum/sha1sum/sha256sum hash through WebCrypto, whose promises settle outside
 * simulated time: a build's `RUN … && sha256sum /r` stopped with "simulation deadlock". The
 * busybox applets are synchronous now. Digests of "hi\n" recorded from busybox 1.35 in a real
 * container (`docker run --rm busybox sh -c 'echo hi | sha256sum; …'`).
 */
const HI_SHA256 = "98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4";
const HI_MD5 = "764efa883dda1e11db47671c4a3bbd9e";

describe("checksums inside simulated time", () => {
  it("run in a build's RUN and in docker run", async () => {
    const host = await openEngineHost({ seed: 5 });
    const engine = drivenEngine(host);
    const archive = contextTar({
      Dockerfile:
        "FROM busybox\nRUN echo hi > /r && sha256sum /r && md5sum /r && crc32 /r && sha256sum /r > /r.sum\n",
    });
    let text = "";
    for await (const message of engine.imageBuild({ kind: "tar", archive }, { tags: ["sums"] }))
      text += message.stream ?? message.error ?? "";
    assert.match(text, new RegExp(`\\n${HI_SHA256}  /r\\n${HI_MD5}  /r\\ned6f7a7a /r\\n`));
    assert.match(text, /Successfully tagged sums:latest\n/);

    const { Id } = await engine.containerCreate({
      Image: "sums",
      Cmd: ["sh", "-c", "sha256sum -c /r.sum && echo hi | sha1sum"],
    });
    const attach = await engine.containerAttach(Id, { stdout: true, stderr: true, stream: true });
    const exited = engine.containerWait(Id, { condition: "next-exit" });
    await engine.containerStart(Id);
    const output = await collectText(attach.output);
    assert.deepEqual(await exited, { StatusCode: 0, Error: null });
    assert.equal(output, "/r: OK\n55ca6286e3e4f4fba5d0448333fa99fc5a404a73  -\n");
    await host.close();
  });
});
