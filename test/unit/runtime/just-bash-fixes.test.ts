/**
 * drydock's fix of just-bash 3.4.2's output accounting (`src/runtime/just-bash-fixes.ts`), on a
 * bare just-bash: the bug is there before and gone after. Its own file: the fix patches the
 * (unexported) scope class for the whole process once any simulated process has run.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Bash, InMemoryFs } from "just-bash";
import { applyJustBashFixes } from "../../../src/runtime/just-bash-fixes.ts";

describe("just-bash fixes", () => {
  it("the accounting fix is in place in just-bash itself", async () => {
    const fs = new InMemoryFs();
    const bytes = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    const bash = new Bash({
      fs,
      customCommands: [
        {
          name: "bin",
          execute: async () => ({
            stdout: bytes,
            stderr: "note\n",
            exitCode: 0,
            stdoutKind: "bytes",
          }),
        },
      ],
    });
    const unfixed = await bash.exec("bin 2>/dev/null | cat > /y");
    // Without the fix just-bash 3.4.2 fails this (a newer version may not: then drop the fix).
    assert.match(unfixed.stderr, /invalid stdout accounting/);
    applyJustBashFixes(bash);
    const fixed = await bash.exec("bin 2>/dev/null | cat > /y");
    assert.equal(fixed.stderr, "");
    assert.equal((await fs.readFileBuffer("/y")).length, 256);
  });
});
