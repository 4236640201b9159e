import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { goQuote, goQuoteRune } from "../../../src/go/quote.ts";

// Expected values are what Go 1.19's fmt.Sprintf("%q", …) prints.
describe("goQuote (strconv.Quote)", () => {
  it("keeps printable text, … and non-ASCII letters as they are", () => {
    assert.equal(goQuote("sh -c 'echo hi; ech…"), `"sh -c 'echo hi; ech…"`);
    assert.equal(goQuote("héllo 😀"), '"héllo 😀"');
    assert.equal(goQuote(""), '""');
  });

  it("escapes quotes, backslashes, control characters and non-printable code points", () => {
    assert.equal(goQuote('a"b\\c\n\t\x01\u00a0é'), '"a\\"b\\\\c\\n\\t\\x01\\u00a0é"');
    assert.equal(goQuote("\u0007\b\f\r\v\u007f"), '"\\a\\b\\f\\r\\v\\x7f"');
    assert.equal(goQuote("\u200b\u{e0001}"), '"\\u200b\\U000e0001"');
    assert.equal(goQuote("it's"), `"it's"`);
  });

  it("writes a lone surrogate as U+FFFD, as its UTF-8 form reads in Go", () => {
    assert.equal(goQuote("x\ud800y"), '"x\uFFFDy"');
  });
});

describe("goQuoteRune (strconv.QuoteRune)", () => {
  it("quotes integers as character literals", () => {
    assert.equal(goQuoteRune(3), "'\\x03'");
    assert.equal(goQuoteRune(0), "'\\x00'");
    assert.equal(goQuoteRune(10), "'\\n'");
    assert.equal(goQuoteRune(65), "'A'");
    assert.equal(goQuoteRune(39), "'\\''");
    assert.equal(goQuoteRune(34), `'"'`);
    assert.equal(goQuoteRune(0xe9), "'é'");
    assert.equal(goQuoteRune(0x200b), "'\\u200b'");
  });

  it("turns invalid runes into U+FFFD", () => {
    assert.equal(goQuoteRune(-1), "'\uFFFD'");
    assert.equal(goQuoteRune(0xd800), "'\uFFFD'");
    assert.equal(goQuoteRune(0x110000), "'\uFFFD'");
  });
});
