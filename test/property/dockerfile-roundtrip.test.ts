/**
 * Format → parse round trip: a generated list of instructions (exec and shell forms, flags, any
 * keyword case), written out with line continuations, comment lines and blank lines in between,
 * parses back to the same instructions, with the same `Step` text as when written on one line.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { Instruction } from "../../src/builder/dockerfile/instruction.ts";
import { parseDockerfile } from "../../src/builder/dockerfile/parser.ts";

/** One generated instruction: its one-line text and what the parser must make of it. */
interface Spec {
  readonly line: string;
  readonly keyword: string;
  readonly flags: readonly string[];
  readonly json: boolean;
  readonly payload: unknown;
}

const word = fc.stringMatching(/^[a-z0-9_./:][a-z0-9_./:-]{0,7}$/);
const jsonString = fc.stringMatching(/^[ -~]{0,10}$/);
const shellText = fc
  .array(fc.stringMatching(/^[a-z0-9_./=&|>][a-z0-9_./=&|>-]{0,5}$/), {
    minLength: 1,
    maxLength: 5,
  })
  .map((words) => words.join(" "));

function casing(keyword: string): fc.Arbitrary<string> {
  return fc.constantFrom(
    keyword,
    keyword.toLowerCase(),
    keyword[0] + keyword.slice(1).toLowerCase(),
  );
}

const command: fc.Arbitrary<Spec> = fc
  .tuple(
    fc.constantFrom("RUN", "CMD", "ENTRYPOINT"),
    fc.oneof(
      fc
        .array(jsonString, { minLength: 1, maxLength: 4 })
        .map((argv) => ({ json: true, args: argv })),
      shellText.map((text) => ({ json: false, args: [text] })),
    ),
    fc.constantFrom(
      [],
      ["--network=none"],
      ["--mount=type=cache,target=/c", "--security=insecure"],
    ),
  )
  .chain(([keyword, form, runFlags]) =>
    casing(keyword).map((written) => {
      const flags = keyword === "RUN" ? runFlags : [];
      const body = form.json ? JSON.stringify(form.args) : (form.args[0] ?? "");
      const line = [written, ...flags, body].join(" ");
      return { line, keyword, flags, json: form.json, payload: form.args };
    }),
  );

const copy: fc.Arbitrary<Spec> = fc
  .tuple(
    fc.constantFrom("COPY", "ADD"),
    fc.array(word, { minLength: 2, maxLength: 4 }),
    fc.subarray(["--chown=1:2", "--link", "--chmod=644"]),
  )
  .chain(([keyword, paths, flags]) =>
    casing(keyword).map((written) => ({
      line: [written, ...flags, ...paths].join(" "),
      keyword,
      flags,
      json: false,
      payload: [paths.slice(0, -1), paths.at(-1)],
    })),
  );

const pairs: fc.Arbitrary<Spec> = fc
  .tuple(
    fc.constantFrom("ENV", "LABEL"),
    fc.array(fc.tuple(word, word), { minLength: 1, maxLength: 3 }),
  )
  .chain(([keyword, kv]) =>
    casing(keyword).map((written) => ({
      line: `${written} ${kv.map(([k, v]) => `${k}=${v}`).join(" ")}`,
      keyword,
      flags: [],
      json: false,
      payload: kv.map(([key, value]) => ({ key, value })),
    })),
  );

const single: fc.Arbitrary<Spec> = fc
  .tuple(fc.constantFrom("WORKDIR", "USER", "STOPSIGNAL"), word)
  .chain(([keyword, value]) =>
    casing(keyword).map((written) => ({
      line: `${written} ${value}`,
      keyword,
      flags: [],
      json: false,
      payload: value,
    })),
  );

function payloadOf(instruction: Instruction): unknown {
  switch (instruction.keyword) {
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
      return instruction.command.args;
    case "COPY":
    case "ADD":
      return [instruction.sources, instruction.destination];
    case "ENV":
    case "LABEL":
      return instruction.pairs;
    case "WORKDIR":
      return instruction.path;
    case "USER":
      return instruction.user;
    case "STOPSIGNAL":
      return instruction.signal;
    default:
      return undefined;
  }
}

/** Splits a line at some of its spaces into continuation lines, with comments and blanks between. */
function decorate(line: string, cuts: readonly number[], fillers: readonly string[]): string {
  const spaces = [...line.matchAll(/ /g)].map((match) => match.index);
  const at = new Set(
    cuts.map((cut) => spaces[cut % Math.max(spaces.length, 1)]).filter((i) => i !== undefined),
  );
  let out = "";
  let filler = 0;
  for (let i = 0; i < line.length; i++) {
    out += line[i];
    const next = line.slice(i + 1);
    if (!at.has(i) || next.trim() === "" || next.trimStart().startsWith("#")) continue;
    out += "\\\n";
    const extra = fillers[filler++ % Math.max(fillers.length, 1)];
    if (extra !== undefined && fillers.length > 0) out += `${extra}\n`;
  }
  return out;
}

describe("Dockerfile format → parse round trip", () => {
  it("gives back the generated instructions", () => {
    const instruction = fc.oneof(command, copy, pairs, single);
    const entry = fc.record({
      spec: instruction,
      cuts: fc.array(fc.nat(), { maxLength: 3 }),
      fillers: fc.array(fc.constantFrom("# comment", "   # indented", "", "  "), { maxLength: 2 }),
      before: fc.constantFrom("", "# note\n", "\n\n"),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 8 }), (entries) => {
        const text = `FROM base\n${entries.map((e) => e.before + decorate(e.spec.line, e.cuts, e.fillers)).join("\n")}\n`;
        const parsed = parseDockerfile(text).instructions.slice(1);
        assert.equal(parsed.length, entries.length);
        entries.forEach(({ spec }, index) => {
          const got = parsed[index] as Instruction;
          assert.equal(got.keyword, spec.keyword);
          assert.equal(got.original, spec.line);
          assert.deepEqual(got.flags, spec.flags);
          assert.equal(got.json, spec.json);
          assert.deepEqual(payloadOf(got), spec.payload);
        });
      }),
      { seed: 20260101, numRuns: 300 },
    );
  });
});
