import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { embed, type GoStructType, typedValue } from "../../../../src/client/formatter/go-typed.ts";
import { GoTemplate } from "../../../../src/client/go-template/go-template.ts";
import type { GoValue } from "../../../../src/client/go-template/go-value.ts";
import { goDurationString } from "../../../../src/clock/go-duration.ts";

const INNER: GoStructType = {
  struct: "pkg.Inner",
  fields: [
    ["A", "string", ",omitempty"],
    ["B", { slice: "string" }],
  ],
};

const OUTER: GoStructType = {
  struct: "pkg.Outer",
  fields: [
    ["ID", "string", "Id"],
    embed(INNER),
    ["Wait", "duration", ",omitempty"],
    ["Limit", { ptr: "int" }, ",omitempty"],
    ["Pair", { array: "int", length: 2 }],
    ["Sub", { struct: "pkg.Sub", pointer: true, fields: [["N", "int"]] }],
  ],
};

function run(format: string, value: GoValue): string {
  return GoTemplate.parse(format).execute(value);
}

describe("Go-typed values (what the docker CLI decodes and re-marshals)", () => {
  it("marshals in declaration order, flattens embedded structs, honours omitempty and json names", () => {
    const value = typedValue({ Zzz: 1, B: ["x"], Id: "abc", Wait: 0, Sub: { N: 3 } }, OUTER);
    // Unknown members dropped, missing ones written as zero values, A and Wait omitted.
    assert.equal(run("{{json .}}", value), '{"Id":"abc","B":["x"],"Pair":[0,0],"Sub":{"N":3}}');
    const full = typedValue({ A: "a", Wait: 1_500_000_000, Limit: 0, Sub: null }, OUTER);
    assert.equal(
      run("{{json .}}", full),
      '{"Id":"","A":"a","B":null,"Wait":1500000000,"Limit":0,"Pair":[0,0],"Sub":null}',
    );
  });

  it("prints as Go's %v: embedded structs nested, pointers inside as addresses, durations as text", () => {
    const value = typedValue(
      { A: "a", B: [], Wait: 90_000_000_000, Limit: 5, Sub: { N: 1 } },
      OUTER,
    );
    assert.equal(run("{{.}}", value), "{ {a []} 1m30s 0xc000000000 [0 0] 0xc000000000}");
    // Promoted fields, and a pointer followed at the top of an action.
    assert.equal(
      run("{{.A}} {{.Inner.A}} {{.Limit}} {{.Sub}} {{.Wait}}", value),
      "a a 5 {1} 1m30s",
    );
    assert.equal(run("{{if .Wait}}y{{else}}n{{end}}", typedValue({}, OUTER)), "n");
  });

  it("names a nil pointer's type in errors", () => {
    assert.throws(
      () => run("{{.Sub.N}}", typedValue({}, OUTER)),
      /executing "" at <.Sub.N>: nil pointer evaluating \*pkg.Sub.N/,
    );
  });

  it("writes times as RFC 3339 with the fraction's trailing zeros dropped", () => {
    const type: GoStructType = { struct: "t", fields: [["T", "time"]] };
    assert.equal(
      run("{{json .}} {{.T}}", typedValue({ T: "2026-11-28T11:46:40.324670000Z" }, type)),
      '{"T":"2026-11-28T11:46:40.32467Z"} 2026-11-28 11:46:40.32467 +0000 UTC',
    );
  });
});

describe("goDurationString (time.Duration.String)", () => {
  it("matches Go for each magnitude", () => {
    const cases: [number, string][] = [
      [0, "0s"],
      [1, "1ns"],
      [1_100, "1.1µs"],
      [2_200_000, "2.2ms"],
      [3_000_000_000, "3s"],
      [1_500_000_000, "1.5s"],
      [90_000_000_000, "1m30s"],
      [3_600_000_000_000, "1h0m0s"],
      [5_430_000_000_000, "1h30m30s"],
      [-1_000_000_000, "-1s"],
    ];
    for (const [ns, text] of cases) assert.equal(goDurationString(ns), text, String(ns));
  });
});
