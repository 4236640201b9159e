import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import { prepareUserland } from "../../src/runtime/userland.ts";
import { World } from "../unit/runtime/runtime-harness.ts";

/** Script pieces that touch every source of nondeterminism a shell has. */
const PIECES: readonly string[] = [
  "echo $RANDOM",
  "echo $((RANDOM % 7))",
  "sleep 1",
  "sleep 0.25",
  "date",
  "date +%s",
  "echo $SECONDS",
  "mkdir -p /tmp/d$RANDOM",
  "touch /tmp/t",
  "ls -l /tmp",
  "head -c 4 /dev/urandom | base64",
  "mktemp -p /tmp",
  "sleep 1 & echo bg $!",
  "wait",
  "echo $$ $PPID",
  "ps -o pid,args",
  "cat /proc/uptime",
];

async function runOnce(seed: number, script: string): Promise<unknown> {
  const world = new World({ seed });
  const status = await world.sh(`mkdir -p /tmp; ${script}`);
  return {
    status: status.status,
    writes: world.writes,
    diff: world.rootfs.overlay.diff().map((entry) => ({ ...entry, data: [...entry.data] })),
    elapsedUs: world.elapsedUs(),
  };
}

describe("runtime determinism", () => {
  before(() => prepareUserland());

  it("the same script in a fresh world with the same seed gives the same outputs, PIDs and layer", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 8 }),
        fc.nat(1000),
        async (pieces, seed) => {
          const script = pieces.join("; ");
          assert.deepEqual(await runOnce(seed, script), await runOnce(seed, script));
        },
      ),
      { seed: 20260101, numRuns: 12 },
    );
  });

  it("nothing the process sees comes from the wall clock", async () => {
    const world = new World();
    const { stdout } = await world.sh(
      "sleep 90; date -u '+%Y-%m-%d %H:%M:%S'; mkdir -p /tmp; touch /tmp/f; stat -c %Y /tmp/f; ls -le /tmp",
    );
    assert.equal(
      stdout,
      "2026-01-01 00:01:30\n1767225690\ntotal 0\n-rw-r--r--    1 0        0                0 Thu Jan  1 00:01:30 2026 f\n",
    );
  });
});
