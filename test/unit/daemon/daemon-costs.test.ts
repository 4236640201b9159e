import assert from "node:assert/strict";
import { test } from "node:test";
import {
  DEFAULT_DAEMON_COSTS,
  layerExtractUs,
  NO_DAEMON_COSTS,
} from "../../../src/daemon/daemon-costs.ts";

test("a pulled layer takes its fixed extract time plus its bytes at the extract rate", () => {
  assert.equal(layerExtractUs(DEFAULT_DAEMON_COSTS, 0), 55_000);
  // 1.2 MB at 60 MB/s: 20 ms more.
  assert.equal(layerExtractUs(DEFAULT_DAEMON_COSTS, 1_200_000), 75_000);
  assert.equal(layerExtractUs(NO_DAEMON_COSTS, 1_200_000), 0);
});
