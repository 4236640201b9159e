import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { alpineImage } from "../../../src/runtime/offline-images.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { World } from "./runtime-harness.ts";

describe("the Alpine-like image and its simulated apk", () => {
  before(() => prepareUserland());

  it("is built the same every time and looks like Alpine", async () => {
    assert.equal(alpineImage().image.id, alpineImage().image.id);
    const { stdout } = await new World({ image: "alpine" }).sh(
      ". /etc/os-release; echo $ID $VERSION_ID; id -un nobody; ls -ld /tmp",
    );
    assert.match(stdout, /^alpine 3\.19\.1\nnobody\ndrwxrwxrwt .* \/tmp\n$/);
  });

  it("runs applets through their links only, as Alpine's busybox does", async () => {
    const { stderr } = await new World({ image: "alpine" }).sh("rm /bin/ls; ls /");
    assert.equal(stderr, "/bin/sh: ls: not found\n");
  });

  it("apk add installs packages with their dependencies, in simulated time", async () => {
    const world = new World({ image: "alpine" });
    const { stdout, stderr, status } = await world.sh(
      "jq --version; apk add --no-cache jq; echo '{\"a\":[1,2]}' | jq -c .a; cat /etc/apk/world | tail -1",
    );
    assert.equal(stderr, "/bin/sh: jq: not found\n");
    assert.deepEqual(status, { exitCode: 0 });
    assert.equal(
      stdout,
      "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/main/x86_64/APKINDEX.tar.gz\n" +
        "fetch https://dl-cdn.alpinelinux.org/alpine/v3.19/community/x86_64/APKINDEX.tar.gz\n" +
        "(1/2) Installing oniguruma (6.9.9-r0)\n(2/2) Installing jq (1.7.1-r0)\n" +
        "Executing busybox-1.36.1-r15.trigger\nOK: 8 MiB in 17 packages\n[1,2]\njq\n",
    );
    assert.equal(world.elapsedUs(), 2 * 200_000 + 2 * 20_000);
    const changed = world.rootfs.overlay.changes().map((change) => `${change.kind} ${change.path}`);
    assert.ok(changed.includes("A /usr/bin/jq") && changed.includes("C /lib/apk/db/installed"));
  });

  it("curl and bash come from apk; curl needs the simulated network", async () => {
    const { stdout, stderr } = await new World({ image: "alpine" }).sh(
      "apk add -q curl bash; bash -c 'echo $0 $1' x y; curl -s http://example.com/; echo rc=$?",
    );
    assert.equal(stdout, "x y\nrc=6\n");
    assert.equal(stderr, "curl: (6) Could not resolve host: example.com\n");
  });

  it("fails as apk does on unknown packages and without root", async () => {
    const unknown = await new World({ image: "alpine" }).sh("apk add nosuch");
    assert.deepEqual(unknown.status, { exitCode: 1 });
    assert.match(
      unknown.stderr,
      /^ERROR: unable to select packages:\n {2}nosuch \(no such package\):\n/,
    );
    const user = await new World({ image: "alpine" }).sh("apk add jq", { user: "nobody" });
    assert.deepEqual(user.status, { exitCode: 99 });
  });
});
