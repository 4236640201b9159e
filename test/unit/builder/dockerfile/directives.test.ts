import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  CLASSIC_DIRECTIVES,
  DirectiveReader,
} from "../../../../src/builder/dockerfile/directives.ts";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";

function directivesOf(text: string, dialect: "extended" | "classic" = "extended") {
  const dockerfile = parseDockerfile(text, { dialect });
  return {
    directives: dockerfile.directives.map((d) => [d.name, d.value, d.line]),
    escape: dockerfile.escapeToken,
  };
}

describe("parser directives", () => {
  it("reads directives with any key case and blanks around `=` and the value", () => {
    assert.deepEqual(directivesOf("#   ESCAPE   =   `   \n#syntax=docker/dockerfile:1\nFROM a\n"), {
      directives: [
        ["escape", "`", 1],
        ["syntax", "docker/dockerfile:1", 2],
      ],
      escape: "`",
    });
    assert.deepEqual(directivesOf("  \t# escape=`\nFROM a\n").escape, "`");
    assert.deepEqual(directivesOf("\uFEFF# escape=`\nFROM a\n").escape, "`");
  });

  it("stops at the first line that is not a directive: comment, blank, unknown key, instruction", () => {
    for (const head of ["# note\n", "\n", "# foo=bar\n", "# escape=\n", "FROM a\n"]) {
      const result = directivesOf(`${head}# escape=\`\nFROM a\n`);
      assert.equal(result.escape, "\\", JSON.stringify(head));
    }
  });

  it("knows `check` in the extended dialect only (Docker 20.10 treats it as a comment)", () => {
    const text = "# check=skip=all\n# escape=`\nFROM a\n";
    assert.deepEqual(directivesOf(text).directives, [
      ["check", "skip=all", 1],
      ["escape", "`", 2],
    ]);
    assert.deepEqual(directivesOf(text, "classic"), { directives: [], escape: "\\" });
  });

  it("refuses repeated directives and invalid escape tokens with Docker's messages", () => {
    assert.throws(() => parseDockerfile("# escape=\\\n# Escape=`\nFROM a\n"), {
      message: "failed to parse Dockerfile: only one escape parser directive can be used",
    });
    assert.throws(() => parseDockerfile("# syntax=a\n# escape=xy\nFROM a\n"), {
      message: "failed to parse Dockerfile: invalid escape token 'xy' does not match ` or \\",
    });
    assert.throws(() => parseDockerfile("# escape=x\nFROM a\n", { dockerfileName: "build.df" }), {
      message: /^failed to parse build\.df: invalid escape token 'x'/,
    });
  });

  it("is a reader that is done for good after the first non-directive", () => {
    const reader = new DirectiveReader(CLASSIC_DIRECTIVES);
    assert.deepEqual(reader.read("# syntax = x ", 1), { name: "syntax", value: "x", line: 1 });
    assert.equal(reader.done, false);
    assert.equal(reader.read("# check=1", 2), undefined);
    assert.equal(reader.done, true);
    assert.equal(reader.read("# escape=`", 3), undefined);
  });
});
