import assert from "node:assert/strict";
import { test } from "node:test";
import { layerUploadError } from "../../../../src/daemon/distribution/distribution-errors.ts";
import { isDrydockError } from "../../../../src/errors/drydock-error.ts";
import { connectionReset } from "../../../../src/net/go-net-errors.ts";
import { requestError } from "../../../../src/registry/client/request-error.ts";

test("a layer upload cut mid-request reports the network error without the upload URL", () => {
  const reset = connectionReset({
    localAddress: "10.0.0.2:36297",
    remoteAddress: "10.1.0.2:5000",
    operation: "write",
  });
  const carried = requestError(
    { method: "PATCH" },
    "https://r:5000/v2/app/blobs/uploads/3481e91f?_state=abc",
    reset,
  );
  assert.match(carried.message, /^Patch "https:\/\/r:5000\/v2\/app\/blobs\/uploads\//);
  const reported = layerUploadError(carried);
  assert.ok(isDrydockError(reported));
  assert.equal(
    reported.message,
    "write tcp 10.0.0.2:36297->10.1.0.2:5000: write: connection reset by peer",
  );
  assert.equal(reported.code, "Unavailable");
  assert.equal(layerUploadError(reset), reset, "other errors pass as they are");
});
