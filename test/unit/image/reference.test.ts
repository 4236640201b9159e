import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidReferenceError } from "../../../src/image/invalid-reference-error.ts";
import {
  familiarName,
  familiarString,
  formatReference,
  parseAnyReference,
  parseNormalizedNamed,
  parseReference,
  type ReferenceDialect,
  trimToName,
  withDefaultTag,
  withDigest,
  withTag,
} from "../../../src/image/reference.ts";
import { fixtureText } from "./fixtures.ts";

interface RecordedCase {
  readonly input: string;
  readonly dockerd: { readonly accepted?: true; readonly error?: string };
  readonly cli: { readonly accepted?: true; readonly error?: string };
}

const recorded = (JSON.parse(fixtureText("reference-cases.json")) as { cases: RecordedCase[] })
  .cases;
const HEX = "1".repeat(64);

function outcome(input: string, dialect: ReferenceDialect): { accepted?: true; error?: string } {
  try {
    parseNormalizedNamed(input, { dialect });
    return { accepted: true };
  } catch (error) {
    assert.ok(error instanceof InvalidReferenceError, `unexpected ${String(error)}`);
    assert.equal(error.code, "InvalidArgument");
    return { error: error.message };
  }
}

describe("references: the recorded behaviour of dockerd 20.10 and the CLI 28.2", () => {
  for (const dialect of ["dockerd", "cli"] as const) {
    it(`accepts and refuses exactly what ${dialect} did, with its words (${recorded.length} cases)`, () => {
      for (const item of recorded) {
        assert.deepEqual(
          outcome(item.input, dialect),
          item[dialect],
          `input ${JSON.stringify(item.input)}`,
        );
      }
    });
  }
});

describe("references: normalisation", () => {
  const table: readonly [string, string, string][] = [
    ["busybox", "docker.io/library/busybox", "busybox"],
    ["busybox:1.36", "docker.io/library/busybox:1.36", "busybox:1.36"],
    ["user/app", "docker.io/user/app", "user/app"],
    ["docker.io/library/busybox", "docker.io/library/busybox", "busybox"],
    [
      "index.docker.io/library/busybox:latest",
      "docker.io/library/busybox:latest",
      "busybox:latest",
    ],
    ["docker.io/library/a/b", "docker.io/library/a/b", "library/a/b"],
    ["localhost:5000/a/b:tag", "localhost:5000/a/b:tag", "localhost:5000/a/b:tag"],
    ["localhost/x", "localhost/x", "localhost/x"],
    [`name@sha256:${HEX}`, `docker.io/library/name@sha256:${HEX}`, `name@sha256:${HEX}`],
    [
      `name:tag@sha256:${HEX}`,
      `docker.io/library/name:tag@sha256:${HEX}`,
      `name:tag@sha256:${HEX}`,
    ],
  ];
  for (const [input, full, familiar] of table) {
    it(`${input} → ${full} → ${familiar}`, () => {
      const reference = parseNormalizedNamed(input);
      assert.equal(formatReference(reference), full);
      assert.equal(familiarString(reference), familiar);
      assert.deepEqual(parseNormalizedNamed(full), reference);
    });
  }

  it("splits domain and path; IPv6 hosts only in the CLI dialect", () => {
    const reference = parseNormalizedNamed("[::1]:5000/x", { dialect: "cli" });
    assert.deepEqual([reference.domain, reference.path], ["[::1]:5000", "x"]);
    assert.equal(familiarName(reference), "[::1]:5000/x");
    assert.equal(parseNormalizedNamed("Foo/bar", { dialect: "cli" }).domain, "Foo");
  });

  it("adds the default tag only to bare names", () => {
    assert.equal(
      formatReference(withDefaultTag(parseNormalizedNamed("busybox"))),
      "docker.io/library/busybox:latest",
    );
    assert.equal(
      familiarString(withDefaultTag(parseNormalizedNamed(`a@sha256:${HEX}`))),
      `a@sha256:${HEX}`,
    );
    assert.equal(familiarString(withDefaultTag(parseNormalizedNamed("a:1"))), "a:1");
  });

  it("replaces tags and digests with validation", () => {
    const reference = parseNormalizedNamed(`a:1@sha256:${HEX}`);
    assert.equal(familiarString(withTag(reference, "2")), "a:2");
    assert.equal(familiarString(trimToName(reference)), "a");
    assert.equal(
      familiarString(withDigest(trimToName(reference), `sha256:${HEX}`)),
      `a@sha256:${HEX}`,
    );
    assert.throws(
      () => withTag(reference, "a:b"),
      (error: unknown) => error instanceof InvalidReferenceError && error.reason === "tag-format",
    );
    assert.throws(
      () => withTag(reference, "-x"),
      (error: unknown) => (error as Error).message === "invalid tag format",
    );
    assert.throws(
      () => withDigest(reference, "sha256:12"),
      (error: unknown) => (error as Error).message === "invalid digest format",
    );
  });
});

describe("references: other parsers", () => {
  it("parses IDs the way dockerd's ParseAnyReference does", () => {
    assert.deepEqual(parseAnyReference(HEX), { kind: "digest", digest: `sha256:${HEX}` });
    assert.deepEqual(parseAnyReference(`sha256:${HEX}`), {
      kind: "digest",
      digest: `sha256:${HEX}`,
    });
    const short = parseAnyReference("sha256:3e0a");
    assert.equal(short.kind === "named" && formatReference(short), "docker.io/library/sha256:3e0a");
    assert.equal(parseAnyReference("3e0a").kind, "named");
  });

  it("parses without normalising (a registry's repository names)", () => {
    assert.deepEqual(parseReference("busybox"), { kind: "named", domain: "", path: "busybox" });
    assert.deepEqual(parseReference("a/b:1"), { kind: "named", domain: "a", path: "b", tag: "1" });
    assert.deepEqual(parseReference("a_b/c"), { kind: "named", domain: "", path: "a_b/c" });
    assert.throws(
      () => parseReference(""),
      (error: unknown) =>
        (error as Error).message === "repository name must have at least one component",
    );
    assert.throws(
      () => parseReference("A/b/C"),
      (error: unknown) => (error as Error).message === "repository name must be lowercase",
    );
  });

  it("stays fast on hostile input (no regex backtracking blow-up)", () => {
    const hostile = [
      `${"a-".repeat(2000)}!`,
      `${"a".repeat(3000)}.`,
      `${"a.".repeat(1500)}-/x`,
      "a".repeat(100_000),
    ];
    const start = process.hrtime.bigint();
    for (const input of hostile)
      assert.throws(() => parseNormalizedNamed(input), InvalidReferenceError);
    assert.ok(process.hrtime.bigint() - start < 200_000_000n, "parsing took more than 200 ms");
  });
});
