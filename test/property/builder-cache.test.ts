import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { makeHarness } from "../unit/builder/executor/support/harness.ts";

/** One instruction of a generated Dockerfile; `v` is what an edit changes. */
type Step =
  | { kind: "env"; v: number }
  | { kind: "label"; v: number }
  | { kind: "run"; v: number }
  | { kind: "copy"; v: number }
  | { kind: "workdir"; v: number };

const stepArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom("env", "label", "run", "copy", "workdir"),
  v: fc.nat({ max: 3 }),
});

/** The Dockerfile and context of a list of steps (COPY sources carry their own file). */
function render(steps: readonly Step[]): Record<string, string> {
  const files: Record<string, string> = {};
  const lines = steps.map((step, index) => {
    switch (step.kind) {
      case "env":
        return `ENV E${index}=${step.v}`;
      case "label":
        return `LABEL l${index}=${step.v}`;
      case "run":
        return `RUN echo ${step.v} > /r${index}`;
      case "copy":
        files[`f${index}`] = `content ${step.v}\n`;
        return `COPY f${index} /f${index}`;
      default:
        return `WORKDIR /w${index}/${step.v}`;
    }
  });
  return { ...files, Dockerfile: `FROM busybox\n${lines.join("\n")}\n` };
}

/** For each Dockerfile step after FROM: did it hit the cache? */
function cacheHits(text: string): boolean[] {
  return text
    .split(/^Step \d+\/\d+ : /m)
    .slice(2)
    .map((block) => block.includes(" ---> Using cache\n"));
}

describe("the build cache (property)", () => {
  it("an identical rebuild hits every step and gives the same image", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 6 }), async (steps) => {
        const h = makeHarness();
        const files = render(steps);
        await h.build(files, { tags: ["p"] });
        const first = h.host.store.resolve("p").id;
        const again = await h.build(files, { tags: ["p"] });
        assert.deepEqual(
          cacheHits(again.text),
          steps.map(() => true),
        );
        assert.equal(h.host.store.resolve("p").id, first);
      }),
      { seed: 4242, numRuns: 40 },
    );
  });

  it("changing step n misses from n on and hits before it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .array(stepArb, { minLength: 1, maxLength: 6 })
          .chain((steps) => fc.tuple(fc.constant(steps), fc.nat({ max: steps.length - 1 }))),
        async ([steps, changed]) => {
          const h = makeHarness();
          await h.build(render(steps));
          const edited = steps.map((step, index) =>
            index === changed ? { ...step, v: step.v + 10 } : step,
          );
          const result = await h.build(render(edited));
          assert.deepEqual(
            cacheHits(result.text),
            steps.map((_, index) => index < changed),
          );
        },
      ),
      { seed: 2424, numRuns: 40 },
    );
  });
});
