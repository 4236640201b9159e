import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DockerfileDialect } from "../../../../src/builder/dockerfile/ast.ts";
import { parseDockerfileAst } from "../../../../src/builder/dockerfile/ast-parser.ts";
import { DEFAULT_DOCKERFILE_LIMITS } from "../../../../src/builder/dockerfile/limits.ts";
import { parseWords } from "../../../../src/builder/dockerfile/line-parsers.ts";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";
import {
  extractBuilderFlags,
  splitCommand,
} from "../../../../src/builder/dockerfile/split-command.ts";

function ast(text: string, dialect: DockerfileDialect = "extended") {
  return parseDockerfileAst(text, {
    dialect,
    limits: DEFAULT_DOCKERFILE_LIMITS,
    dockerfileName: "Dockerfile",
  });
}

function lines(text: string): [string, number, number][] {
  return ast(text).nodes.map((node) => [node.original, node.startLine, node.endLine]);
}

describe("Dockerfile lines", () => {
  it("joins continuations, drops comment and blank lines inside them, keeps inner blanks", () => {
    const text = "FROM a\nRUN one \\\n# comment\n\n   two \\\t \n  three\nRUN four\n";
    assert.deepEqual(lines(text), [
      ["FROM a", 1, 1],
      ["RUN one    two   three", 2, 6],
      ["RUN four", 7, 7],
    ]);
  });

  it("treats CRLF as one line ending and drops a leading BOM", () => {
    assert.deepEqual(lines("\uFEFFFROM a\r\nRUN x \\\r\n y\r\n"), [
      ["FROM a", 1, 1],
      ["RUN x  y", 2, 3],
    ]);
  });

  it("ends a continuation at end of file, counting the lines it read", () => {
    assert.deepEqual(lines("FROM a\nRUN x \\"), [
      ["FROM a", 1, 1],
      ["RUN x ", 2, 2],
    ]);
    assert.deepEqual(lines("FROM a\nRUN x \\\n\n"), [
      ["FROM a", 1, 1],
      ["RUN x ", 2, 3],
    ]);
  });

  it("does not continue on an escaped escape, and continues on a lone escape line", () => {
    assert.deepEqual(lines("FROM a\nRUN x\\\\\nRUN y\n"), [
      ["FROM a", 1, 1],
      ["RUN x\\\\", 2, 2],
      ["RUN y", 3, 3],
    ]);
    assert.deepEqual(lines("FROM a\n\\\nRUN y\n"), [
      ["FROM a", 1, 1],
      ["RUN y", 2, 3],
    ]);
  });

  it("uses the escape directive's backtick for continuations", () => {
    assert.deepEqual(lines("# escape=`\nFROM a\nRUN x `\n y\\\nRUN z\n"), [
      ["FROM a", 2, 2],
      ["RUN x  y\\", 3, 4],
      ["RUN z", 5, 5],
    ]);
  });

  it("warns about empty continuation lines with Docker's words", () => {
    assert.deepEqual(ast("FROM a\nRUN a \\\n\n b\n").warnings, [
      "[WARNING]: Empty continuation line found in:\n    RUN a  b",
      "[WARNING]: Empty continuation lines will become errors in a future release.",
    ]);
    assert.deepEqual(ast("FROM a\nRUN a \\\n# c\n b\n").warnings, []);
  });

  it("collects the comments right above an instruction", () => {
    const nodes = ast("# escape=\\\n# about a\nFROM a\n# one\n#\n# two\nARG X\nRUN y\n").nodes;
    assert.deepEqual(
      nodes.map((node) => node.comments),
      [["about a"], ["two"], []],
    );
  });

  it("refuses an empty file and a file without instructions, as Docker words it", () => {
    assert.throws(() => ast(""), { message: "the Dockerfile (Dockerfile) cannot be empty" });
    assert.throws(() => parseDockerfile(new Uint8Array([0xef, 0xbb, 0xbf])), {
      message: /file with no instructions/,
    });
    for (const text of ["# a\n", "\n \n\t\n", "\uFEFF", "# escape=`\n"]) {
      assert.throws(() => ast(text), {
        message: "failed to parse Dockerfile: file with no instructions",
      });
    }
  });

  it("allows 65535-byte lines and refuses longer ones, after earlier instructions", () => {
    const ok = `FROM a\nLABEL a=${"x".repeat(65535 - 8)}\n`;
    assert.equal(ast(ok).nodes.length, 2);
    const tooLong = `FROM a\nLABEL a=${"é".repeat(40000)}\n`;
    assert.throws(() => ast(tooLong), {
      message: "failed to parse Dockerfile: dockerfile line greater than max allowed size of 65535",
    });
    // Docker stops reading at the long line, so a long first line reads as an empty file.
    assert.throws(() => ast(`${"x".repeat(70000)}\nFROM a\n`), {
      message: /file with no instructions/,
    });
  });

  it("reports line-parser errors without a line number, and first in the file", () => {
    assert.throws(() => ast("FROM a\nFOO x\nENV a\n"), {
      message: "failed to parse Dockerfile: ENV must have two arguments",
      name: "DockerfileParseError",
    });
    assert.throws(
      () => ast("FROM a\nLABEL a=1 \\\n  y\n"),
      (error: { data: unknown }) => {
        assert.deepEqual(error.data, {
          kind: "syntax",
          reason: `Syntax error - can't find = in "y". Must be of the form: name=value`,
          line: 2,
          endLine: 3,
        });
        return true;
      },
    );
  });
});

describe("Dockerfile line parsers", () => {
  it("splits each keyword's arguments its own way", () => {
    const nodes = ast(
      [
        "FROM a AS b",
        'ENV k="v 1" k2=v\\ 2',
        "ENV legacy  rest of  line",
        'LABEL "a b"=c',
        'ARG x="y z" w',
        'COPY ["a b", "c"]',
        "COPY a  b\tc",
        "RUN   echo  hi  ",
        'CMD ["x"] tail',
        "CMD ['x']",
        'HEALTHCHECK  CMD  ["a"]',
        "WORKDIR /a b",
        "ONBUILD RUN a b",
        "BOGUS x y",
      ].join("\n"),
    ).nodes;
    assert.deepEqual(
      nodes.map((node) => [node.args, node.json]),
      [
        [["a", "AS", "b"], false],
        [["k", '"v 1"', "k2", "v\\ 2"], false],
        [["legacy", "rest of  line"], false],
        [['"a b"', "c"], false],
        [['x="y z"', "w"], false],
        [["a b", "c"], true],
        [["a", "b", "c"], false],
        [["echo  hi"], false],
        [["x"], true],
        [["['x']"], false],
        [["CMD", "a"], true],
        [["/a b"], false],
        [["RUN", "a b"], false],
        [[], false],
      ],
    );
    assert.equal(nodes[2]?.legacyKeyValue, true);
    assert.equal(nodes[12]?.child?.keyword, "RUN");
  });

  it("keeps quotes and escapes in words, drops a final lone escape", () => {
    assert.deepEqual(parseWords(`a "b c" 'd\\ e' f\\ g h\\`, "\\"), [
      "a",
      '"b c"',
      "'d\\ e'",
      "f\\ g",
      "h",
    ]);
    assert.deepEqual(parseWords("a`  b", "`"), ["a` ", "b"]);
    assert.deepEqual(parseWords(`"" x`, "\\"), ['""', "x"]);
  });

  it("extracts leading --flags with quotes and backslashes removed", () => {
    assert.deepEqual(splitCommand('copy  --from="a b" --chown=1\\:2 --link src dst'), {
      keyword: "copy",
      flags: ["--from=a b", "--chown=1:2", "--link"],
      rest: "src dst",
    });
    assert.deepEqual(extractBuilderFlags("--a -- --b c"), { rest: " --b c", flags: ["--a"] });
    assert.deepEqual(extractBuilderFlags("-x --y"), { rest: "-x --y", flags: [] });
    assert.deepEqual(extractBuilderFlags("--only"), { rest: "", flags: ["--only"] });
  });

  it("reads flag bytes as Latin-1, as Go's byte loop does", () => {
    assert.deepEqual(extractBuilderFlags("--chown=é x"), { rest: "x", flags: ["--chown=Ã©"] });
  });
});
