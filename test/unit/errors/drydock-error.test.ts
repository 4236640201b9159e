import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AssertionError, assert as invariant } from "../../../src/errors/assert.ts";
import { DrydockError, isDrydockError, isNotFound } from "../../../src/errors/drydock-error.ts";
import { FsError, isFsError } from "../../../src/errors/fs-error.ts";
import { LimitExceededError } from "../../../src/errors/limit-exceeded-error.ts";

describe("errors", () => {
  it("carry a code, data and cause, and serialise to JSON", () => {
    const cause = new FsError("ENOENT", "open", "/app/x");
    const error = new DrydockError("NotFound", "No such image: app:1", {
      data: { ref: "app:1" },
      cause,
    });
    assert.equal(isNotFound(error), true);
    assert.deepEqual(JSON.parse(JSON.stringify(error)), {
      name: "DrydockError",
      code: "NotFound",
      message: "No such image: app:1",
      data: { ref: "app:1" },
      cause: {
        name: "FsError",
        code: "NotFound",
        message: "ENOENT: open /app/x: no such file or directory",
        data: { errno: "ENOENT", syscall: "open", path: "/app/x" },
      },
    });
  });

  it("are recognised by shape, so they survive realm and wire boundaries", () => {
    const rebuilt = JSON.parse(JSON.stringify(new DrydockError("Conflict", "x")));
    assert.equal(isDrydockError(rebuilt), true);
    assert.equal(isDrydockError(new Error("plain")), false);
    assert.equal(isDrydockError({ code: "ENOENT" }), false);
  });

  it("word filesystem errors like Go's PathError", () => {
    const error = new FsError("ENOTDIR", "mkdir", "/etc/passwd/x");
    assert.equal(error.goMessage, "mkdir /etc/passwd/x: not a directory");
    assert.equal(isFsError(error, "ENOTDIR"), true);
    assert.equal(isFsError(error, "ENOENT"), false);
  });

  it("report limits with the limit and the actual value", () => {
    const error = new LimitExceededError({ what: "layer count", limit: 127, actual: 128 });
    assert.equal(error.message, "layer count exceeds the limit of 127 (got 128)");
    assert.equal(error.code, "LimitExceeded");
  });

  it("keep programmer errors apart from operating errors", () => {
    assert.throws(
      () => invariant(false, "x must hold"),
      (error: unknown) => {
        return error instanceof AssertionError && !isDrydockError(error);
      },
    );
  });
});
