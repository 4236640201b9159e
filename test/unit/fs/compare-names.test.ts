import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { compareNames } from "../../../src/fs/compare-names.ts";

const utf8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

describe("compareNames", () => {
  it("orders names by UTF-8 bytes, as Go does", () => {
    assert.deepEqual(["o.txt", "o", "O", "o-x", "é", "\u{1F600}", "\uFFFD"].sort(compareNames), [
      "O",
      "o",
      "o-x",
      "o.txt",
      "é",
      "\uFFFD",
      "\u{1F600}",
    ]);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const bytes = utf8(a) < utf8(b) ? -1 : utf8(a) > utf8(b) ? 1 : 0;
        assert.equal(Math.sign(compareNames(a, b)), bytes);
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
