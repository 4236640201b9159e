import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { recordedCases, replay } from "./archive-harness.ts";

/*
 * Each case was run by busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1, the same binary as the
 * busybox image) with `record.py unzip-cases.txt unzip-recorded.json` in
 * test/fixtures/runtime/archive-applets; the simulator must print the same bytes.
 */
describe("unzip (busybox 1.35, recorded)", () => {
  before(() => prepareUserland());
  for (const recorded of recordedCases("unzip-recorded.json")) {
    it(recorded.case, () => replay(recorded));
  }
});
