import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type RecordedCase, recordedCases, replay } from "../helpers/replay.ts";

/**
 * What drydock prints differently on purpose: its own client identity in `version`/`info`
 * (the server half must match), and `run --help`, which lists only the flags drydock supports.
 */
const KNOWN_DIFFERENCES = new Set(["run --help"]);

/** Replaces the `Client:` section (up to the blank line) so only the server half is compared. */
function withoutClientSection(text: string): string {
  return text.replace(/^Client:\n(?:.+\n)*/, "Client: <client>\n");
}

/** Go prints a pointer inside a struct as its address, which differs run to run. */
function withoutAddresses(text: string): string {
  return text.replace(/0xc[0-9a-f]{9}/g, "0xc000000000");
}

function comparable(recorded: RecordedCase, text: string): string {
  const first = recorded.args[0];
  if ((first === "version" || first === "info") && !recorded.args.includes("--format")) {
    return withoutClientSection(text);
  }
  return withoutAddresses(text);
}

/**
 * Every output the real docker CLI 28.2 printed (test/fixtures/client/recorded) is printed byte
 * for byte by drydock's client from the same Engine API answers at the same instant.
 */
const GROUPS = ["ps", "images", "objects", "inspect", "typed-inspect", "errors", "templates"];
for (const group of GROUPS) {
  describe(`recorded ${group} outputs`, () => {
    for (const recorded of recordedCases(group)) {
      if (KNOWN_DIFFERENCES.has(recorded.name)) continue;
      it(`docker ${recorded.args.join(" ")}`, async () => {
        const result = await replay(recorded);
        assert.equal(comparable(recorded, result.stdout), comparable(recorded, recorded.stdout));
        assert.equal(result.stderr, recorded.stderr);
        assert.equal(result.exitCode, recorded.exitCode);
      });
    }
  });
}
