import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ResolveImageRequest } from "../../../../src/builder/build-host.ts";
import { makeHarness, withoutIds } from "./support/harness.ts";

describe("stages, base images and ONBUILD", () => {
  it("uses stages as bases and sources, and images by name for COPY --from", async () => {
    const h = makeHarness();
    const dockerfile =
      "FROM busybox AS one\nRUN echo 1 > /one\nFROM one AS two\nRUN echo 2 > /two\nFROM scratch\nCOPY --from=two /one /two /\nCOPY --from=busybox /bin/busybox /bb\n";
    const result = await h.build({ Dockerfile: dockerfile }, { tags: ["s"] });
    assert.equal(result.error, undefined);
    assert.deepEqual((await h.rootfs("s")).readdir("/"), ["bb", "one", "two"]);
  });

  it("reports a reused stage name when the build reaches it", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM busybox AS a\nENV A=1\nFROM busybox AS a\n" });
    assert.match(result.text, /Step 2\/3 : ENV A=1/);
    assert.equal(result.error?.message, "a stage name already used");
  });

  it("runs the base's ONBUILD triggers first, without steps of their own", async () => {
    const h = makeHarness();
    await h.build(
      { Dockerfile: "FROM busybox\nONBUILD ENV T1=1\nONBUILD RUN echo t2\n" },
      { tags: ["base"] },
    );
    const child = await h.build({ Dockerfile: "FROM base\nENV C=1\n" }, { tags: ["child"] });
    assert.match(
      withoutIds(child.text),
      /^Step 1\/2 : FROM base\n# Executing 2 build triggers\n ---> Running in <id>\nRemoving intermediate container <id>\n ---> Running in <id>\nt2\nRemoving intermediate container <id>\n ---> <id>\nStep 2\/2 : ENV C=1\n/,
    );
    const config = h.host.store.resolve("child").config.config;
    assert.equal(config?.onBuild, null);
    assert.ok(config?.env?.includes("T1=1"));
  });

  it("passes pull progress from the host into the stream", async () => {
    const h = makeHarness();
    const resolve = h.host.resolveImage.bind(h.host);
    h.host.resolveImage = async (request: ResolveImageRequest) => {
      request.onProgress({ status: "Pulling from library/busybox", id: "latest" });
      return resolve(request);
    };
    const result = await h.build({ Dockerfile: "FROM busybox\n" });
    assert.deepEqual(result.messages[2], { status: "Pulling from library/busybox", id: "latest" });
  });

  it("answers an image the host cannot find as an offline daemon would", async () => {
    const h = makeHarness();
    const result = await h.build({ Dockerfile: "FROM nosuch:1\n" });
    assert.equal(
      result.error?.message,
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host',
    );
    const from = await h.build({ Dockerfile: "FROM busybox\nCOPY --from=nosuch /a /b\n" });
    assert.match(from.error?.message ?? "", /^invalid from flag value nosuch: Get /);
  });

  it("expands FROM with meta ARGs and checks --platform", async () => {
    const h = makeHarness();
    const ok = await h.build({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile text
      Dockerfile: "ARG IMG=busybox\nFROM --platform=linux/amd64 ${IMG}\n",
    });
    assert.match(ok.text, /Successfully built/);
    const bad = await h.build({ Dockerfile: "FROM --platform=nonsense busybox\n" });
    assert.match(bad.error?.message ?? "", /^failed to parse platform nonsense/);
  });
});
