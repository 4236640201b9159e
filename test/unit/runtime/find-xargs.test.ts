/**
 * `find` and `xargs` run on just-bash's implementations through drydock's command gate; they
 * failed there with `this.scope.appendOutput is not a function`, and xargs refused busybox's
 * attached values (`-n1`). Expected outputs are what busybox 1.35 prints for the same commands
 * (`busybox sh -c '…'` on the build machine, same files).
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { splitXargsValues } from "../../../src/runtime/applets/xargs-args.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { World } from "./runtime-harness.ts";

describe("find and xargs in a container", () => {
  before(() => prepareUserland());

  it("find walks the container's files", async () => {
    const { stdout, stderr } = await new World().sh(
      "mkdir -p /t/a/b; touch /t/a/x.txt /t/a/b/y.txt; find /t -name '*.txt' | sort; find /t -type d | sort",
    );
    assert.equal(stderr, "");
    assert.equal(stdout, "/t/a/b/y.txt\n/t/a/x.txt\n/t\n/t/a\n/t/a/b\n");
  });

  it("xargs takes values attached to its options, as busybox's getopt does", async () => {
    const { stdout, stderr } = await new World().sh(
      "echo a b c | xargs -n1 echo x; echo q | xargs -I{} echo '[{}]'; echo z | xargs -n 1 echo -n1",
    );
    assert.equal(stderr, "");
    assert.equal(stdout, "x a\nx b\nx c\n[q]\n-n1 z\n");
  });

  it("splits attached values only among xargs's own options", () => {
    assert.deepEqual(splitXargsValues(["-n1", "echo", "-n1"]), ["-n", "1", "echo", "-n1"]);
    assert.deepEqual(splitXargsValues(["-tn2", "echo"]), ["-t", "-n", "2", "echo"]);
    assert.deepEqual(splitXargsValues(["-I", "{}", "echo", "{}"]), ["-I", "{}", "echo", "{}"]);
    assert.deepEqual(splitXargsValues(["-0", "--", "-n1"]), ["-0", "--", "-n1"]);
  });
});
