import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readSource, sourceFiles } from "./source-files.ts";

function importsOf(file: string): string[] {
  const text = readSource(file);
  const specifiers: string[] = [];
  for (const match of text.matchAll(/\b(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g)) {
    specifiers.push(match[1]!);
  }
  for (const match of text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g))
    specifiers.push(match[1]!);
  return specifiers;
}

/** Folders whose code may touch the host (Node built-ins): everything else must run in a browser. */
const HOST_FOLDERS = /^src\/(real|node|cli)\//;

describe("import boundaries", () => {
  it("only src/wiring imports inversify", () => {
    const offenders = sourceFiles().filter(
      (file) =>
        !file.startsWith("src/wiring/") &&
        importsOf(file).some((spec) => spec.startsWith("inversify")),
    );
    assert.deepEqual(offenders, []);
  });

  it("keeps Node built-ins out of the simulated world, so it runs in a browser", () => {
    const offenders = sourceFiles()
      .filter((file) => !HOST_FOLDERS.test(file))
      .flatMap((file) =>
        importsOf(file)
          .filter(
            (spec) =>
              spec.startsWith("node:") || /^(fs|path|os|http|net|crypto|child_process)$/.test(spec),
          )
          .map((spec) => `${file} imports ${spec}`),
      );
    assert.deepEqual(offenders, []);
  });

  it("keeps relative imports explicit (.ts), as Node's ESM loader needs", () => {
    const offenders = sourceFiles().flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith(".") && !/\.(ts|mjs|js|json)$/.test(spec))
        .map((spec) => `${file} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
  });
});
