import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseGoJsonArray } from "../../../../src/builder/dockerfile/go-json-array.ts";

describe("exec-form JSON (Go decoder semantics)", () => {
  it("reads arrays of strings with JSON escapes", () => {
    assert.deepEqual(parseGoJsonArray('["a", "b c", "\\u00e9\\t\\"", "\\/"]'), {
      kind: "strings",
      values: ["a", "b c", 'é\t"', "/"],
    });
    assert.deepEqual(parseGoJsonArray("[ ]"), { kind: "strings", values: [] });
  });

  it("reads the first value and ignores what follows, like json.Decoder", () => {
    assert.deepEqual(parseGoJsonArray('["a"] trailing ["b"]'), { kind: "strings", values: ["a"] });
    assert.deepEqual(parseGoJsonArray('["a"]]'), { kind: "strings", values: ["a"] });
  });

  it("replaces unpaired surrogate escapes with U+FFFD and keeps pairs", () => {
    assert.deepEqual(
      parseGoJsonArray('["\\ud800x", "\\udc00", "\\ud83d\\ude00", "\\ud800\\u0041"]'),
      {
        kind: "strings",
        values: ["\uFFFDx", "\uFFFD", "😀", "\uFFFDA"],
      },
    );
  });

  it("says not-strings for valid arrays holding other values (a hard error in Docker)", () => {
    for (const text of ['["a", 1]', '["a", null]', '[["a"]]', '[{"a": [1, true]}]', "[-1.5e3]"]) {
      assert.deepEqual(parseGoJsonArray(text), { kind: "not-strings" }, text);
    }
  });

  it("says invalid (shell form follows) for anything that is not a JSON array", () => {
    const invalid = [
      "['a']",
      '["a",]',
      '["a" "b"]',
      '["a"',
      '["a\\x"]',
      "[01]",
      '["a\tb"]',
      "{}",
      "",
      "a",
      "[tru]",
    ];
    for (const text of invalid) assert.deepEqual(parseGoJsonArray(text), { kind: "invalid" }, text);
  });
});
