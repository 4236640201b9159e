// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words, not templates
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { envLookup, expandWord } from "../../../../src/builder/dockerfile/expand.ts";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";

const limited = { name: "LimitExceededError", code: "LimitExceeded" };

describe("Dockerfile limits", () => {
  it("bounds the size, lines and instructions of a Dockerfile", () => {
    assert.throws(
      () => parseDockerfile("FROM a\n".repeat(10), { limits: { sizeBytesMax: 50 } }),
      limited,
    );
    assert.throws(
      () => parseDockerfile("\n".repeat(20) + "FROM a\n", { limits: { lineCountMax: 10 } }),
      limited,
    );
    assert.throws(
      () => parseDockerfile("FROM a\n".repeat(11), { limits: { instructionCountMax: 10 } }),
      limited,
    );
    assert.equal(
      parseDockerfile("FROM a\n".repeat(10), { limits: { instructionCountMax: 10 } }).stages.length,
      10,
    );
  });

  it("bounds heredoc bodies", () => {
    const text = `FROM a\nRUN <<EOF\n${"x".repeat(100)}\nEOF\n`;
    assert.throws(() => parseDockerfile(text, { limits: { heredocSizeBytesMax: 50 } }), limited);
    assert.doesNotThrow(() => parseDockerfile(text, { limits: { heredocSizeBytesMax: 200 } }));
  });

  it("bounds expansion depth and output", () => {
    const deep = `${"${A:-".repeat(20)}x${"}".repeat(20)}`;
    const env = envLookup(["B=0123456789"]);
    assert.equal(expandWord(deep, env, { escapeToken: "\\" }), "x");
    assert.throws(
      () => expandWord(deep, env, { escapeToken: "\\", limits: { expansionDepthMax: 10 } }),
      limited,
    );
    const wide = "$B".repeat(20);
    assert.throws(
      () => expandWord(wide, env, { escapeToken: "\\", limits: { expansionOutputLengthMax: 100 } }),
      limited,
    );
    assert.equal(expandWord(wide, env, { escapeToken: "\\" }).length, 200);
  });
});
