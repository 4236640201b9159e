import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { OutputEventReader } from "../../../../src/scenario/backend/output-events.ts";

function kinds(text: string): string[] {
  const reader = new OutputEventReader();
  const events = text.split("\n").flatMap((line) => reader.line(line));
  return [...events, ...reader.end()].map((event) =>
    event.kind === "builder.step.start" ? `step ${event.data.instruction}` : event.kind,
  );
}

describe("OutputEventReader", () => {
  it("reads each build step's cache hit or miss, FROM counting as neither", () => {
    const output = [
      "Sending build context to Docker daemon  3.072kB",
      "Step 1/4 : FROM busybox",
      " ---> 3e0abe2122fc",
      "Step 2/4 : WORKDIR /app",
      " ---> Using cache",
      " ---> 1b2c3d4e5f60",
      "Step 3/4 : RUN echo hi",
      " ---> Running in 0a1b2c3d4e5f",
      "hi",
      "Removing intermediate container 0a1b2c3d4e5f",
      " ---> 2b3c4d5e6f70",
      'Step 4/4 : CMD ["sh"]',
      " ---> Running in 1a1b2c3d4e5f",
      " ---> 3b3c4d5e6f70",
      "Successfully built 3b3c4d5e6f70",
      "Successfully tagged app:1",
    ].join("\n");
    assert.deepEqual(kinds(output), [
      "step FROM busybox",
      "step WORKDIR /app",
      "builder.cache.hit",
      "step RUN echo hi",
      "builder.cache.miss",
      'step CMD ["sh"]',
      "builder.cache.miss",
      "builder.image.tag",
    ]);
  });

  it("counts a step that failed before its image as a miss", () => {
    const output =
      "Step 1/2 : FROM busybox\n ---> 3e0abe2122fc\nStep 2/2 : RUN exit 3\n ---> Running in 0a1b2c3d4e5f\nThe command '/bin/sh -c exit 3' returned a non-zero code: 3";
    assert.deepEqual(kinds(output), ["step FROM busybox", "step RUN exit 3", "builder.cache.miss"]);
  });

  it("reads push and pull layer statuses, and one retry per countdown", () => {
    const push = [
      "The push refers to repository [registry.local:5000/app]",
      "5f70bf18a086: Preparing",
      "1c9335caec23: Preparing",
      "5f70bf18a086: Pushed",
      "1c9335caec23: Mounted from base",
      "aaaaaaaaaaaa: Layer already exists",
      "bbbbbbbbbbbb: read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer",
      "bbbbbbbbbbbb: Retrying in 5 seconds",
      "bbbbbbbbbbbb: Retrying in 4 seconds",
      "bbbbbbbbbbbb: Pushed",
    ].join("\n");
    assert.deepEqual(kinds(push), [
      "daemon.push.layer.upload",
      "daemon.push.layer.mount",
      "daemon.push.layer.exists",
      "daemon.push.layer.retry",
      "daemon.push.layer.upload",
    ]);
    const reader = new OutputEventReader();
    const retry = push
      .split("\n")
      .flatMap((line) => reader.line(line))
      .find((e) => e.kind === "daemon.push.layer.retry");
    assert.equal(
      retry?.data.error,
      "read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer",
    );
    assert.equal(retry?.data.delaySeconds, 5);
    const pull =
      "1: Pulling from app\na61002d8efd7: Already exists\nd0f09b856157: Pulling fs layer\nd0f09b856157: Pull complete";
    assert.deepEqual(kinds(pull), ["daemon.pull.layer.exists", "daemon.pull.layer.download"]);
  });
});
