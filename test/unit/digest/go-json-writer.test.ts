import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareUtf8, goJsonQuote, writeGoJson } from "../../../src/digest/go-json.ts";

describe("Go JSON writer", () => {
  it("escapes as Go 1.19 does (HTML characters, \\u0008 not \\b, lone surrogates)", () => {
    assert.equal(goJsonQuote('a<b>&"\\'), '"a\\u003cb\\u003e\\u0026\\"\\\\"');
    assert.equal(goJsonQuote("\b\f\n\r\t\u0001\u007f"), '"\\u0008\\u000c\\n\\r\\t\\u0001\u007f"');
    assert.equal(goJsonQuote("\u2028\u2029"), '"\\u2028\\u2029"');
    assert.equal(goJsonQuote("x\ud800y"), '"x\\ufffdy"');
    assert.equal(goJsonQuote("😀é"), '"😀é"');
  });

  it("writes structs in insertion order, drops undefined, sorts maps by UTF-8 bytes", () => {
    const map = new Map<string, unknown>([
      ["b", 1],
      ["10", 2],
      ["9", 3],
      ["\uffff", 4],
      ["😀", 5],
    ]);
    assert.equal(
      writeGoJson({ z: 1, a: undefined, m: map, l: [], o: {} }),
      '{"z":1,"m":{"10":2,"9":3,"b":1,"\uffff":4,"😀":5},"l":[],"o":{}}',
    );
  });

  it("indents like json.MarshalIndent, with empty containers kept compact", () => {
    const value = { a: [1, { b: null }], c: {}, d: [] };
    assert.equal(writeGoJson(value, "   "), JSON.stringify(value, null, "   "));
  });

  it("orders strings by code point, not by UTF-16 unit", () => {
    assert.ok(compareUtf8("\uffff", "😀") < 0);
    assert.ok("\uffff" > "😀");
    assert.ok(compareUtf8("a", "ab") < 0);
    assert.equal(compareUtf8("x", "x"), 0);
  });
});
