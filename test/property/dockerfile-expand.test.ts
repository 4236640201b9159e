/**
 * Expansion of words without `$`, quotes or escape characters is the identity (ProcessWord), and
 * word splitting then only splits on blanks (ProcessWords), for both escape characters and both
 * expansion dialects.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { envLookup, expandWord, expandWords } from "../../src/builder/dockerfile/expand.ts";
import { isGoSpace } from "../../src/builder/dockerfile/go-text.ts";

const plainChar = fc.oneof(
  fc.constantFrom(" ", "\t", "\u00a0", "{", "}", ":", "-", "#", "%", "/", "<", "é", "😀"),
  fc.string({ minLength: 1, maxLength: 1 }).filter((ch) => !"$'\"\\`".includes(ch)),
);
const plainWord = fc.array(plainChar, { maxLength: 30 }).map((chars) => chars.join(""));

function goFields(text: string): string[] {
  const out: string[] = [];
  let current = "";
  for (const ch of text) {
    if (isGoSpace(ch)) {
      if (current !== "") out.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  if (current !== "") out.push(current);
  return out;
}

describe("expansion of plain words", () => {
  it("is the identity, and splits only on blanks", () => {
    const env = envLookup(["A=1", "HOME=/root"]);
    fc.assert(
      fc.property(
        plainWord,
        fc.constantFrom("\\", "`"),
        fc.constantFrom("classic", "buildkit"),
        (word, escapeToken, dialect) => {
          const options = { escapeToken, dialect } as const;
          assert.equal(expandWord(word, env, options), word);
          assert.deepEqual(expandWords(word, env, options), goFields(word));
        },
      ),
      { seed: 20260102, numRuns: 500 },
    );
  });
});
