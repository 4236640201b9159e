// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words, not templates
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  EXPANDING_KEYWORDS,
  envLookup,
  expandHeredoc,
  expandInstruction,
  expandWord,
  expandWords,
} from "../../../../src/builder/dockerfile/expand.ts";
import type { Instruction } from "../../../../src/builder/dockerfile/instruction.ts";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";

const env = envLookup(["A=aa", "E=", "S=x  y", "P=/usr/local/bin", "F=file.tar.gz"]);
const BACKSLASH = { escapeToken: "\\" } as const;
const CLASSIC = { escapeToken: "\\", dialect: "classic" } as const;

describe("expandWord", () => {
  it("expands the forms both builders know", () => {
    const table: [string, string][] = [
      ["$A", "aa"],
      ["${A}x", "aax"],
      ["$Ax", ""],
      ["${U:-def}", "def"],
      ["${E:-def}", "def"],
      ["${A:-def}", "aa"],
      ["${A:+alt}", "alt"],
      ["${E:+alt}", ""],
      ["${U:-${A:-x}y}", "aay"],
      ["$", "$"],
      ["a$", "a$"],
      ["$1 $@ $$ ${1}", "   "],
      ["${A?ok}", "aa"],
    ];
    for (const [word, expected] of table) {
      assert.equal(expandWord(word, env, CLASSIC), expected, word);
      assert.equal(expandWord(word, env, BACKSLASH), expected, word);
    }
  });

  it("handles quotes and the escape character like Docker's lexer", () => {
    const table: [string, string][] = [
      [`"$A"`, "aa"],
      [`'$A'`, "$A"],
      ["\\$A", "$A"],
      [`"\\$A"`, "$A"],
      [`'a\\b'`, "a\\b"],
      [`"a\\b"`, "a\\b"],
      [`"a\\"b"`, 'a"b'],
      ["a\\ b", "a b"],
      [`"$S"`, "x  y"],
      ["it''s", "its"],
    ];
    for (const [word, expected] of table)
      assert.equal(expandWord(word, env, BACKSLASH), expected, word);
    assert.equal(expandWord('`$A c\\d "x`"y"', env, { escapeToken: "`" }), '$A c\\d x"y');
  });

  it("adds BuildKit's forms: unset-only defaults, prefix/suffix trimming, replacement", () => {
    const table: [string, string][] = [
      ["${U-def}", "def"],
      ["${E-def}", ""],
      ["${E+alt}", "alt"],
      ["${U+alt}", ""],
      ["${F#*.}", "tar.gz"],
      ["${F##*.}", "gz"],
      ["${F%.*}", "file.tar"],
      ["${F%%.*}", "file"],
      ["${P/local/opt}", "/usr/opt/bin"],
      ["${P//\\//:}", ":usr:local:bin"],
      ["${F/?/X}", "Xile.tar.gz"],
      ["${U#x}", ""],
    ];
    for (const [word, expected] of table)
      assert.equal(expandWord(word, env, BACKSLASH), expected, word);
    assert.throws(() => expandWord("${F#*.}", env, CLASSIC), {
      message: `failed to process "\${F#*.}": missing ':' in substitution`,
    });
  });

  it("fails with Docker's messages", () => {
    const table: [string, string][] = [
      ["${U:?}", "U: is not allowed to be unset"],
      ["${E:?}", "E: is not allowed to be empty"],
      ["${U?oops}", "U: oops"],
      ["${}", "syntax error: bad substitution"],
      ["${:a}", "syntax error: bad substitution"],
      ["${A", "missing ':' in substitution"],
      ["${A:-x", "syntax error: missing '}'"],
      ["${A:x}", "unsupported modifier (x) in substitution"],
      ['"x', "unexpected end of statement while looking for matching double-quote"],
      ["'x", "unexpected end of statement while looking for matching single-quote"],
      ["${F/x", "syntax error: missing '/' in ${}"],
      ["${F#\\a}", "invalid pattern (\\a) in substitution: invalid escape '\\a'"],
    ];
    for (const [word, reason] of table) {
      const quoted = JSON.stringify(word);
      assert.throws(() => expandWord(word, env, BACKSLASH), {
        message: `failed to process ${quoted}: ${reason}`,
        name: "ExpansionError",
      });
    }
  });
});

describe("expandWords", () => {
  it("splits on blanks from text and values, not inside quotes or escapes", () => {
    assert.deepEqual(expandWords("$S ${A}1", env, BACKSLASH), ["x", "y", "aa1"]);
    assert.deepEqual(expandWords(`"$S" a\\ b '' c`, env, BACKSLASH), ["x  y", "a b", "c"]);
    assert.deepEqual(expandWords("   ", env, BACKSLASH), []);
  });
});

describe("expandHeredoc", () => {
  it("expands variables but leaves quotes alone", () => {
    assert.equal(expandHeredoc(`echo "$A" '$A' \\$A\n`, env, BACKSLASH), `echo "aa" 'aa' $A\n`);
  });
});

describe("expandInstruction", () => {
  const dockerfile = parseDockerfile(
    [
      "FROM ${BASE:-busybox} AS b",
      'ENV K_$A="v $A" legacy=1',
      "LABEL a=$A",
      "ARG X=$A Y",
      "COPY --chown=$A --chmod=$M --from=$A a$A /d$A/",
      "WORKDIR /w/$A",
      "USER $A",
      "STOPSIGNAL SIG$A",
      "VOLUME $S",
      "EXPOSE $S 80",
      "RUN echo $A",
      "CMD echo $A",
    ].join("\n"),
  );
  const expand = (index: number): Instruction => {
    const instruction = dockerfile.instructions[index];
    assert.ok(instruction !== undefined);
    return expandInstruction(instruction, envLookup(["A=aa", "S=x  y", "M=755"]), BACKSLASH);
  };

  it("expands the arguments Docker expands, leaves `original` as written", () => {
    const env1 = expand(1);
    assert.ok(env1.keyword === "ENV");
    assert.deepEqual(env1.pairs, [
      { key: "K_aa", value: "v aa" },
      { key: "legacy", value: "1" },
    ]);
    assert.equal(env1.original, 'ENV K_$A="v $A" legacy=1');
    const copy = expand(4);
    assert.ok(copy.keyword === "COPY");
    assert.deepEqual(
      [copy.sources, copy.destination, copy.chown, copy.chmod, copy.from],
      [["aaa"], "/daa/", "aa", "755", "$A"],
    );
    const arg = expand(3);
    assert.ok(arg.keyword === "ARG");
    assert.deepEqual(arg.definitions, [{ key: "X", value: "aa" }, { key: "Y" }]);
  });

  it("keeps VOLUME words whole and splits EXPOSE words", () => {
    const volume = expand(8);
    assert.ok(volume.keyword === "VOLUME");
    assert.deepEqual(volume.volumes, ["x  y"]);
    const expose = expand(9);
    assert.ok(expose.keyword === "EXPOSE");
    assert.deepEqual(expose.ports, ["x", "y", "80"]);
  });

  it("does not touch RUN or CMD, and says which keywords expand", () => {
    assert.equal(expand(10), dockerfile.instructions[10]);
    assert.equal(expand(11), dockerfile.instructions[11]);
    assert.deepEqual([...EXPANDING_KEYWORDS].sort(), [
      "ADD",
      "ARG",
      "COPY",
      "ENV",
      "EXPOSE",
      "FROM",
      "LABEL",
      "STOPSIGNAL",
      "USER",
      "VOLUME",
      "WORKDIR",
    ]);
  });

  it("expands FROM with the meta ARGs and refuses a blank base name", () => {
    const from = expandInstruction(
      dockerfile.instructions[0] as Instruction,
      envLookup([]),
      BACKSLASH,
    );
    assert.ok(from.keyword === "FROM");
    assert.equal(from.baseName, "busybox");
    const blank = parseDockerfile("FROM $NONE\n").instructions[0] as Instruction;
    assert.throws(() => expandInstruction(blank, envLookup([]), BACKSLASH), {
      message: "base name ($NONE) should not be blank",
    });
  });
});
