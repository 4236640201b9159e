/**
 * `.dockerignore` against an independent oracle: for patterns without `!`, a path is excluded
 * iff some pattern matches it or one of its parent directories, where a pattern is matched
 * segment by segment (`*` and `?` inside a segment, `**` as a whole segment for any number of
 * segments, at least one when it ends the pattern, as patternmatcher's prefix rule has it).
 * Appending `!<path>` re-includes the path.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { DockerignoreMatcher } from "../../src/builder/dockerignore.ts";

const segment = fc.stringMatching(/^[abc]{1,3}$/);
const path = fc
  .array(segment, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join("/"));
const patternSegment = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[abc*?]{1,3}$/).filter((s) => !s.includes("**")) },
  { weight: 1, arbitrary: fc.constant("**") },
);
const pattern = fc
  .array(patternSegment, { minLength: 1, maxLength: 4 })
  .filter(
    (segments) =>
      !segments.every((s) => s === "**") &&
      !segments.some((s, i) => s === "**" && segments[i + 1] === "**"),
  )
  .map((segments) => segments.join("/"));

/** One segment against one glob segment (`*` any run, `?` one character). */
function segmentMatches(glob: string, text: string): boolean {
  if (glob === "") return text === "";
  const [head, rest] = [glob[0], glob.slice(1)];
  if (head === "*")
    return [...Array(text.length + 1).keys()].some((i) => segmentMatches(rest, text.slice(i)));
  if (text === "") return false;
  return (head === "?" || head === text[0]) && segmentMatches(rest, text.slice(1));
}

function globMatches(globs: readonly string[], segments: readonly string[]): boolean {
  const [head, ...rest] = globs;
  if (head === undefined) return segments.length === 0;
  if (head === "**") {
    const from = rest.length === 0 ? 1 : 0;
    for (let i = from; i <= segments.length; i++)
      if (globMatches(rest, segments.slice(i))) return true;
    return false;
  }
  const [first, ...others] = segments;
  return first !== undefined && segmentMatches(head, first) && globMatches(rest, others);
}

function oracleExcluded(patterns: readonly string[], target: string): boolean {
  const segments = target.split("/");
  return patterns.some((p) =>
    segments.some((_, i) => globMatches(p.split("/"), segments.slice(0, i + 1))),
  );
}

describe(".dockerignore matching", () => {
  it("agrees with a segment-by-segment glob oracle, and `!path` re-includes", () => {
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), path, (patterns, target) => {
        const excluded = new DockerignoreMatcher(patterns).isExcluded(target);
        assert.equal(excluded, oracleExcluded(patterns, target));
        assert.equal(
          new DockerignoreMatcher([...patterns, `!${target}`]).isExcluded(target),
          false,
        );
      }),
      { seed: 20260103, numRuns: 1000 },
    );
  });
});
