import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";
import {
  buildSteps,
  findStage,
  stageNameConflict,
  stagesForTarget,
} from "../../../../src/builder/dockerfile/stages.ts";

const MULTI =
  "ARG A=1\nFROM a AS Build\nRUN x\nFROM build AS test\nFROM b\nCOPY --from=build /x /y\n";

describe("stages", () => {
  it("groups meta ARGs and stages, names lower-cased", () => {
    const dockerfile = parseDockerfile(MULTI);
    assert.deepEqual(
      dockerfile.metaArgs.map((arg) => arg.original),
      ["ARG A=1"],
    );
    assert.deepEqual(
      dockerfile.stages.map((stage) => [
        stage.index,
        stage.name,
        stage.from.baseName,
        stage.commands.length,
      ]),
      [
        [0, "build", "a", 1],
        [1, "test", "build", 0],
        [2, undefined, "b", 1],
      ],
    );
  });

  it("numbers steps as Docker prints them, meta ARGs first, up to the target", () => {
    const dockerfile = parseDockerfile(MULTI);
    assert.deepEqual(
      buildSteps(dockerfile, "BUILD").map((step) => step.text),
      ["Step 1/3 : ARG A=1", "Step 2/3 : FROM a AS Build", "Step 3/3 : RUN x"],
    );
    assert.equal(buildSteps(dockerfile).length, 6);
  });

  it("finds stages case-insensitively and reports a missing target", () => {
    const { stages } = parseDockerfile(MULTI);
    assert.equal(findStage(stages, "TEST"), 1);
    assert.equal(findStage(stages, "nope"), -1);
    assert.throws(() => stagesForTarget(stages, "nope"), {
      message: "failed to reach build target nope in Dockerfile",
    });
  });

  it("refuses instructions before the first FROM, except ARG", () => {
    assert.throws(() => parseDockerfile("ARG a\nLABEL a=b\nFROM a\n"), {
      message: "no build stage in current context",
      name: "DockerfileParseError",
    });
  });

  it("reports a reused stage name when the build reaches it", () => {
    const { stages } = parseDockerfile("FROM a AS x\nFROM b AS y\nFROM c AS X\n");
    assert.equal(stageNameConflict(stages, 1), undefined);
    assert.equal(stageNameConflict(stages, 2)?.message, "x stage name already used");
  });
});
