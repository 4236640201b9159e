import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { recordedCases, replay } from "./archive-harness.ts";

/*
 * Each case was run by busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1, the same binary as the
 * busybox image) with `record.py decompress-cases.txt decompress-recorded.json` and
 * `record.py tar-cases.txt tar-recorded.json` in test/fixtures/runtime/archive-applets.
 */
describe("bunzip2, unxz, unlzma, uncompress and their aliases (busybox 1.35, recorded)", () => {
  before(() => prepareUserland());
  for (const recorded of recordedCases("decompress-recorded.json")) {
    it(recorded.case, () => replay(recorded));
  }
});

describe("tar -j / -J / --lzma / -Z through drydock's decoders (busybox 1.35, recorded)", () => {
  before(() => prepareUserland());
  for (const recorded of recordedCases("tar-recorded.json")) {
    it(recorded.case, () => replay(recorded));
  }
});
