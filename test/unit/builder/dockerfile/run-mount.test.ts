import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRunMount, readCsvRecord } from "../../../../src/builder/dockerfile/run-mount.ts";

describe("RUN --mount values", () => {
  it("reads CSV like Go's encoding/csv", () => {
    assert.deepEqual(readCsvRecord('a,"b,c","d""e",'), ["a", "b,c", 'd"e', ""]);
    assert.throws(() => readCsvRecord('a,b"c'), {
      message: 'parse error on line 1, column 4: bare " in non-quoted-field',
    });
    assert.throws(() => readCsvRecord('"ab"c'), {
      message: 'parse error on line 1, column 4: extraneous or missing " in quoted-field',
    });
    assert.throws(() => readCsvRecord('"abc'), {
      message: 'parse error on line 1, column 5: extraneous or missing " in quoted-field',
    });
    assert.throws(() => readCsvRecord(""), { message: "EOF" });
  });

  it("defaults to a read-only bind mount; cache and tmpfs are writable", () => {
    assert.deepEqual(parseRunMount("target=/x"), {
      type: "bind",
      readOnly: true,
      required: false,
      target: "/x",
    });
    assert.equal(parseRunMount("type=cache,target=/x").readOnly, false);
    assert.equal(parseRunMount("type=tmpfs,dst=/x").readOnly, false);
    assert.equal(parseRunMount("type=bind,rw,src=a,dst=/x").readOnly, false);
    assert.deepEqual(parseRunMount("type=CACHE,mode=0700,uid=1,gid=2,sharing=Locked"), {
      type: "cache",
      readOnly: false,
      required: false,
      mode: 0o700,
      uid: 1,
      gid: 2,
      sharing: "locked",
    });
  });

  it("refuses what Docker 20.10 refuses, with its messages", () => {
    const cases: [string, string][] = [
      ["type=bogus", 'unsupported mount type "bogus"'],
      ["src", "invalid field 'src' must be a key=value pair"],
      ["required", "unexpected key 'required' for mount type 'bind'"],
      ["ro=maybe", "invalid value for ro: maybe"],
      ["type=cache,mode=9", "invalid value 9 for mode"],
      ["type=bind,uid=1", 'uid not allowed for "bind" type mounts'],
      ["type=tmpfs,sharing=shared", "invalid cache sharing set for tmpfs mount"],
      ["type=secret", "invalid secret mount. one of source, target required"],
      ["type=secret,id=a,src=b", "both source and id can't be set"],
      ["type=secret,from=x,id=a", "secret mount should not have a from"],
      ["foo=bar", "unexpected key 'foo' in 'foo=bar'"],
      ["", "failed to parse csv mounts: EOF"],
    ];
    for (const [value, message] of cases)
      assert.throws(() => parseRunMount(value), { message }, value);
  });
});
