import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { scanGoJsonValue } from "../../../src/server/scan-go-json-value.ts";

describe("scanGoJsonValue", () => {
  it("gives Go's decoder messages (the first three recorded from dockerd 20.10)", () => {
    const cases: [string, string][] = [
      ["{bad", "invalid character 'b' looking for beginning of object key string"],
      ["", "EOF"],
      ["  \n", "EOF"],
      ['{"Image":', "unexpected EOF"],
      ['{"a" 1}', "invalid character '1' after object key"],
      ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
      ["[1 2]", "invalid character '2' after array element"],
      ["x", "invalid character 'x' looking for beginning of value"],
      ["tru", "unexpected EOF"],
      ["trap", "invalid character 'a' in literal true (expecting 'u')"],
      ['"a\u0001"', "invalid character '\\x01' in string literal"],
      ['"\\q"', "invalid character 'q' in string escape code"],
      ["-x", "invalid character 'x' in numeric literal"],
      ["{\n", "unexpected EOF"],
      ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ];
    for (const [text, message] of cases) {
      assert.deepEqual(scanGoJsonValue(text), { error: message }, JSON.stringify(text));
    }
  });

  it("finds where the first value ends, leaving trailing bytes as a Decoder does", () => {
    assert.deepEqual(scanGoJsonValue('{"a":[1,2.5e3,true,null,"x\\u00e9"]}\n'), { end: 35 });
    assert.deepEqual(scanGoJsonValue('{"a":1} trailing'), { end: 7 });
    assert.deepEqual(scanGoJsonValue(" 12 "), { end: 3 });
  });

  it("stops at a bounded depth instead of overflowing the stack", () => {
    assert.deepEqual(scanGoJsonValue("[".repeat(5000)), { error: "exceeded max depth" });
  });
});
