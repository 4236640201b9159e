import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  chompHeredoc,
  heredocsInLine,
  parseHeredocWord,
} from "../../../../src/builder/dockerfile/heredoc.ts";
import type {
  CopyInstruction,
  RunInstruction,
} from "../../../../src/builder/dockerfile/instruction.ts";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";

describe("heredoc delimiters (BuildKit syntax)", () => {
  it("reads <<, <<-, quoted delimiters and file descriptors", () => {
    assert.deepEqual(parseHeredocWord("<<EOF"), {
      name: "EOF",
      fileDescriptor: 0,
      expand: true,
      chomp: false,
    });
    assert.deepEqual(parseHeredocWord("<<-EOF"), {
      name: "EOF",
      fileDescriptor: 0,
      expand: true,
      chomp: true,
    });
    assert.deepEqual(parseHeredocWord('<<"EOF"'), {
      name: "EOF",
      fileDescriptor: 0,
      expand: false,
      chomp: false,
    });
    assert.deepEqual(parseHeredocWord("<<'E'OF"), {
      name: "EOF",
      fileDescriptor: 0,
      expand: false,
      chomp: false,
    });
    assert.deepEqual(parseHeredocWord("3<< file.txt"), {
      name: "file.txt",
      fileDescriptor: 3,
      expand: true,
      chomp: false,
    });
    for (const word of ["<<", "a<<b", "<<a b", "<<<a", "EOF"])
      assert.equal(parseHeredocWord(word), undefined, word);
  });

  it("finds every heredoc on a line, outside quotes", () => {
    assert.deepEqual(
      heredocsInLine(`RUN <<A cat - <<-"B" && echo '<<C' "<<D"`).map((h) => h.name),
      ["A", "B"],
    );
    assert.deepEqual(heredocsInLine(`RUN echo "unbalanced <<A`), []);
  });

  it("chomps leading tabs only", () => {
    assert.equal(chompHeredoc("\t\ta\n  b\n\tc\t\n"), "a\n  b\nc\t\n");
  });
});

describe("heredocs in a Dockerfile", () => {
  it("attaches bodies to RUN, in order, with the terminator lines counted", () => {
    const dockerfile = parseDockerfile(
      "FROM a\nRUN <<A cat - <<-'B'\nx $Y\nA\n\tz\n\tB\nRUN done\n",
    );
    const run = dockerfile.instructions[1] as RunInstruction;
    assert.deepEqual(run.command, { args: ["<<A cat - <<-'B'"], prependShell: true });
    assert.deepEqual(
      run.files.map((file) => [file.name, file.content, file.data, file.expand, file.chomp]),
      [
        ["A", "x $Y\n", "x $Y\n", true, false],
        ["B", "\tz\n", "z\n", false, true],
      ],
    );
    assert.deepEqual([run.startLine, run.endLine], [2, 6]);
    assert.deepEqual(run.buildkitFeatures, ["heredoc"]);
    assert.equal(dockerfile.instructions[2]?.startLine, 7);
  });

  it("turns COPY heredoc sources into inline files", () => {
    const copy = parseDockerfile('FROM a\nCOPY <<a.txt <<"b.txt" real /dir/\n1\na.txt\n2\nb.txt\n')
      .instructions[1] as CopyInstruction;
    assert.deepEqual(copy.sources, ["real"]);
    assert.deepEqual(copy.sourceContents, [
      { path: "a.txt", data: "1\n", expand: true },
      { path: "b.txt", data: "2\n", expand: false },
    ]);
    assert.equal(copy.destination, "/dir/");
  });

  it("keeps CRLF inside bodies and matches the terminator without it", () => {
    const run = parseDockerfile("FROM a\r\nRUN <<EOF\r\nx\r\nEOF\r\n")
      .instructions[1] as RunInstruction;
    assert.equal(run.files[0]?.content, "x\r\n");
  });

  it("builds the ONBUILD expression with the body, as BuildKit stores it", () => {
    const onbuild = parseDockerfile("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n").instructions[1];
    assert.equal(onbuild?.keyword === "ONBUILD" && onbuild.expression, "RUN <<EOF\necho hi\nEOF");
  });

  it("is not a heredoc in exec form, in other instructions, or in the classic dialect", () => {
    const text = 'FROM a\nRUN ["cat", "<<EOF"]\nLABEL a=<<EOF\n';
    assert.equal(parseDockerfile(text).instructions.length, 3);
    assert.throws(
      () => parseDockerfile("FROM a\nRUN <<EOF\necho hi\nEOF\n", { dialect: "classic" }),
      {
        message: "dockerfile parse error line 3: unknown instruction: ECHO",
      },
    );
  });

  it("names the line of an unterminated heredoc", () => {
    assert.throws(() => parseDockerfile("FROM a\nRUN true\nRUN <<EOF\necho\n"), {
      message: "dockerfile parse error line 3: unterminated heredoc",
    });
  });

  it("refuses a heredoc as COPY's destination", () => {
    assert.throws(() => parseDockerfile("FROM a\nCOPY a <<EOF\nx\nEOF\n"), {
      message: "dockerfile parse error line 2: COPY cannot accept a heredoc as a destination",
    });
  });
});
