import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { deferGlobalHeaders } from "../../../src/cli/cli-bundle.ts";

const CHUNKS = join(
  import.meta.dirname,
  "..",
  "..",
  "..",
  "node_modules/just-bash/dist/bundle/chunks",
);

describe("deferGlobalHeaders (CLI bundle)", () => {
  it("patches the one just-bash chunk that reads globalThis.Headers when it loads", () => {
    const patched = readdirSync(CHUNKS)
      .filter((name) => name.startsWith("chunk-"))
      .map((name) => {
        const path = join(CHUNKS, name);
        const text = readFileSync(path, "utf8");
        return { text, after: deferGlobalHeaders(path, text) };
      })
      .filter(({ text, after }) => text !== after);
    assert.equal(patched.length, 1);
    const { after } = patched[0]!;
    assert.doesNotMatch(after, /[\w$]=globalThis\.Headers[,;]/);
    assert.match(after, /=function\(init\)\{return new globalThis\.Headers\(init\)\}/);
  });

  it("gives `new` the same Headers objects, read only when called", () => {
    const source = "var o=1,a=globalThis.Headers,s=2;";
    const patched = deferGlobalHeaders("/x/just-bash/dist/bundle/chunks/chunk-ABC.js", source);
    const make = new Function(`${patched} return a;`)() as new (init?: unknown) => Headers;
    const headers = new make({ accept: "text/plain" });
    assert.ok(headers instanceof Headers);
    assert.equal(headers.get("accept"), "text/plain");
    assert.ok(new make() instanceof Headers);
  });

  it("leaves other files and other texts alone", () => {
    const source = "var a=globalThis.Headers;";
    assert.equal(deferGlobalHeaders("/x/just-bash/dist/bundle/chunks/undici-X.js", source), source);
    assert.equal(deferGlobalHeaders("/x/other/dist/bundle/chunks/chunk-X.js", source), source);
    const assignment = "globalThis.Headers=p.Headers;";
    assert.equal(
      deferGlobalHeaders("/x/just-bash/dist/bundle/chunks/chunk-X.js", assignment),
      assignment,
    );
  });
});
