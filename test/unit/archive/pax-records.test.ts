import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { formatPaxRecords, parsePaxRecords } from "../../../src/archive/pax-records.ts";
import { encoder, paxRecord } from "./tar-test-support.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("PAX records", () => {
  it("counts the length field itself, also where it gains a digit", () => {
    const records = (key: string, value: string) =>
      text(formatPaxRecords(new Map([[key, encoder.encode(value)]])));
    assert.equal(records("gid", "987654321"), "17 gid=987654321\n");
    assert.equal(records("p", "x".repeat(93)), `99 p=${"x".repeat(93)}\n`);
    assert.equal(
      records("p", "x".repeat(94)),
      `101 p=${"x".repeat(94)}\n`,
      "100 would be 101 bytes long",
    );
    assert.equal(records("p", "x".repeat(95)), `102 p=${"x".repeat(95)}\n`);
  });

  it("sorts keys by their bytes, as Go's sort.Strings", () => {
    const body = formatPaxRecords(
      new Map([
        ["uid", encoder.encode("1")],
        ["path", encoder.encode("p")],
        ["SCHILY.xattr.ü", encoder.encode("2")],
        ["SCHILY.xattr.z", encoder.encode("3")],
      ]),
    );
    assert.deepEqual(
      text(body)
        .split("\n")
        .slice(0, -1)
        .map((record) => record.split(" ")[1]?.split("=")[0]),
      ["SCHILY.xattr.z", "SCHILY.xattr.ü", "path", "uid"],
    );
  });

  it("parses what it formats, binary values included (property)", () => {
    const key = fc
      .string({ minLength: 1, maxLength: 20 })
      .filter((k) => !k.includes("=") && !k.includes("\0"));
    fc.assert(
      fc.property(fc.dictionary(key, fc.uint8Array({ maxLength: 300 })), (dictionary) => {
        const records = new Map(
          Object.entries(dictionary).filter(
            ([k, v]) => !["path", "linkpath", "uname", "gname"].includes(k) || !v.includes(0),
          ),
        );
        const parsed = parsePaxRecords(formatPaxRecords(records));
        assert.ok(typeof parsed !== "string", String(parsed));
        assert.deepEqual(
          new Map([...parsed].map(([k, v]) => [k, [...v]])),
          new Map([...records].map(([k, v]) => [k, [...v]])),
        );
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it("agrees with an independent length computation", () => {
    for (const value of ["", "x", "x".repeat(90), "ü".repeat(500)]) {
      assert.equal(
        text(formatPaxRecords(new Map([["comment", encoder.encode(value)]]))),
        paxRecord("comment", value),
      );
    }
  });
});
