import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { InvalidReferenceError } from "../../src/image/invalid-reference-error.ts";
import {
  familiarString,
  formatReference,
  type NamedReference,
  parseNormalizedNamed,
  type ReferenceDialect,
  withDefaultTag,
} from "../../src/image/reference.ts";

const SEED = 20261127;
const RUNS = 400;
const DIALECTS: readonly ReferenceDialect[] = ["dockerd", "cli"];

const alnum = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const separator = fc.constantFrom(".", "_", "__", "-", "---");
const pathComponent = fc
  .tuple(alnum, fc.array(fc.tuple(separator, alnum), { maxLength: 2 }))
  .map(([head, rest]) => head + rest.map(([sep, part]) => sep + part).join(""));
const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,4}[a-z0-9])?$/);
const domain = fc.oneof(
  fc.constant("localhost"),
  fc
    .tuple(label, fc.array(label, { minLength: 1, maxLength: 2 }))
    .map(([head, rest]) => [head, ...rest].join(".")),
  fc
    .tuple(fc.oneof(label, fc.constant("localhost")), fc.integer({ min: 1, max: 65535 }))
    .map(([host, port]) => `${host}:${port}`),
);
const tag = fc.stringMatching(/^[\w][\w.-]{0,20}$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);

/** A valid reference as a user might type it, with the normalised form computed independently. */
const typed = fc
  .record({
    domain: fc.option(domain, { nil: undefined }),
    path: fc.array(pathComponent, { minLength: 1, maxLength: 3 }),
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(digest, { nil: undefined }),
  })
  .filter(({ domain, path }) => domain !== undefined || !/[.:]/.test(path[0]!) || path.length === 1)
  .map((parts) => {
    const suffix =
      (parts.tag === undefined ? "" : `:${parts.tag}`) +
      (parts.digest === undefined ? "" : `@${parts.digest}`);
    const path = parts.path.join("/");
    const text = (parts.domain === undefined ? "" : `${parts.domain}/`) + path + suffix;
    const normalizedPath =
      parts.domain === undefined && parts.path.length === 1 ? `library/${path}` : path;
    const normalized = `${parts.domain ?? "docker.io"}/${normalizedPath}${suffix}`;
    return { text, normalized, parts };
  });

function parse(text: string, dialect: ReferenceDialect): NamedReference {
  return parseNormalizedNamed(text, { dialect });
}

describe("references (properties)", () => {
  it("parses every valid reference to its normalised form, in both dialects", () => {
    fc.assert(
      fc.property(typed, ({ text, normalized }) => {
        for (const dialect of DIALECTS)
          assert.equal(formatReference(parse(text, dialect)), normalized);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("round-trips through the normalised and the familiar strings, and normalisation is idempotent", () => {
    fc.assert(
      fc.property(typed, ({ text }) => {
        for (const dialect of DIALECTS) {
          const reference = parse(text, dialect);
          assert.deepEqual(parse(formatReference(reference), dialect), reference);
          assert.deepEqual(parse(familiarString(reference), dialect), reference);
          assert.equal(
            formatReference(parse(formatReference(reference), dialect)),
            formatReference(reference),
          );
          const tagged = withDefaultTag(reference);
          assert.equal(formatReference(withDefaultTag(tagged)), formatReference(tagged));
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses upper case in the repository path with each dialect's text", () => {
    const withUpper = fc.record({
      domain,
      path: fc.array(pathComponent, { minLength: 1, maxLength: 2 }),
      at: fc.nat(),
      tag: fc.option(tag),
    });
    fc.assert(
      fc.property(withUpper, ({ domain, path, at, tag }) => {
        const joined = path.join("/");
        const index = [...joined].findIndex(
          (char, position) => position >= at % joined.length && /[a-z]/.test(char),
        );
        fc.pre(index >= 0);
        const remote =
          joined.slice(0, index) + joined[index]!.toUpperCase() + joined.slice(index + 1);
        const text = `${domain}/${remote}${tag === null ? "" : `:${tag}`}`;
        const expected: Record<ReferenceDialect, string> = {
          dockerd: "invalid reference format: repository name must be lowercase",
          cli: `invalid reference format: repository name (${remote}) must be lowercase`,
        };
        for (const dialect of DIALECTS) {
          assert.throws(
            () => parse(text, dialect),
            (error: unknown) =>
              error instanceof InvalidReferenceError && error.message === expected[dialect],
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("refuses characters outside the grammar with `invalid reference format`", () => {
    const bad = fc.constantFrom("!", "$", " ", "\t", "?", "#", "%", "é", "+", ",", "\\");
    fc.assert(
      fc.property(typed, bad, fc.nat(), ({ text }, char, at) => {
        const name = text.split(/[:@]/)[0]!;
        const position = at % (name.length + 1);
        const broken = text.slice(0, position) + char + text.slice(position);
        for (const dialect of DIALECTS) {
          assert.throws(
            () => parse(broken, dialect),
            (error: unknown) =>
              error instanceof InvalidReferenceError &&
              error.message === "invalid reference format",
          );
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
