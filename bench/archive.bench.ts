/**
 * Throughput of the archive codec on a seeded, realistic layer: ~64 MiB of mixed files (many
 * small text files, some medium ones, a few large semi-compressible ones, directories and
 * symlinks). Prints MiB/s; run with `npm run bench`. Numbers vary with machine load, so compare
 * only figures from the same run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync as zlibGzip } from "node:zlib";
import { gunzipSync as fflateGunzip } from "fflate";
import { gunzip, gzip } from "../src/archive/gzip.ts";
import { type TarEntry, tarEntry } from "../src/archive/tar-entry.ts";
import { readTar } from "../src/archive/tar-reader.ts";
import { writeTar } from "../src/archive/tar-writer.ts";
import { sha256Hex } from "../src/digest/sha256.ts";
import { type Rng, SeededRng } from "../src/random/rng.ts";

const TARGET_BYTES = 64 * 1024 * 1024;
const WORDS = [
  ..."the of and to in is it you that he was for on are with as his they at be this from".split(
    " ",
  ),
  ..."have or by one had not but what all were when we there can an your which their if".split(" "),
  ..."config path value enabled timeout retries version name image layer digest size".split(" "),
];

function text(rng: Rng, sizeBytes: number): Uint8Array {
  let out = "";
  while (out.length < sizeBytes) {
    out += `${WORDS[rng.below(WORDS.length)]}${rng.chance(1, 12) ? `=${rng.hex(8)}\n` : " "}`;
  }
  return new TextEncoder().encode(out.slice(0, sizeBytes));
}

/** Semi-compressible binary: runs of repeated bytes mixed with noise, like object files. */
function binary(rng: Rng, sizeBytes: number): Uint8Array {
  const out = new Uint8Array(sizeBytes);
  for (let at = 0; at < sizeBytes; ) {
    const run = rng.int(1, 64);
    if (rng.chance(1, 2)) out.fill(rng.below(256), at, at + run);
    else out.set(rng.bytes(Math.min(run, sizeBytes - at)), at);
    at += run;
  }
  return out;
}

function layer(seed: string): TarEntry[] {
  const rng = SeededRng.fromSeed(seed);
  const entries: TarEntry[] = [];
  let total = 0;
  let directory = 0;
  const common = { uname: "root", gname: "root", mtimeUs: 1_700_000_000_000_000 };
  while (total < TARGET_BYTES) {
    if (entries.length % 40 === 0) {
      directory += 1;
      entries.push(tarEntry({ path: `usr/lib/pkg${directory}`, type: "directory", ...common }));
    }
    const roll = rng.below(1000);
    const dir = `usr/lib/pkg${directory}`;
    if (roll < 50) {
      entries.push(
        tarEntry({
          path: `${dir}/link${entries.length}`,
          type: "symlink",
          linkTarget: "../x",
          ...common,
        }),
      );
      continue;
    }
    const sizeBytes =
      roll < 880
        ? rng.int(100, 4096)
        : roll < 995
          ? rng.int(4096, 65536)
          : rng.int(256 << 10, 2 << 20);
    const data = roll < 900 ? text(rng, sizeBytes) : binary(rng, sizeBytes);
    entries.push(
      tarEntry({ path: `${dir}/file${entries.length}.dat`, type: "file", data, ...common }),
    );
    total += sizeBytes;
  }
  return entries;
}

function time<T>(run: () => T): { result: T; seconds: number } {
  const start = performance.now();
  const result = run();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/** Wall time of a shell pipeline, for the native tools' side of the comparison. */
function timeShell(command: string): number | undefined {
  const start = performance.now();
  const result = spawnSync("sh", ["-c", command], { stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) return undefined;
  return (performance.now() - start) / 1000;
}

/** Writes the layer's files to a real directory so tar/gzip/sha256sum work on the same bytes. */
function materialise(entries: readonly TarEntry[], root: string): void {
  for (const entry of entries) {
    const path = join(root, entry.path);
    if (entry.type === "directory") mkdirSync(path, { recursive: true });
    else if (entry.type === "symlink") symlinkSync(entry.linkTarget, path);
    else if (entry.type === "file") writeFileSync(path, entry.data);
    if (entry.type !== "symlink") utimesSync(path, entry.mtimeUs / 1e6, entry.mtimeUs / 1e6);
  }
}

const mib = (bytes: number) => bytes / (1024 * 1024);
const rate = (bytes: number, seconds: number | undefined) =>
  seconds === undefined ? "n/a" : `${(mib(bytes) / seconds).toFixed(1)} MiB/s`;

const entries = layer("bench/archive");
const files = entries.filter((entry) => entry.type === "file").length;
const workDir = mkdtempSync(join(tmpdir(), "drydock-bench-"));
const tree = join(workDir, "layer");
mkdirSync(tree);
materialise(entries, tree);
console.log(`layer: ${entries.length} entries (${files} files), also written to ${tree}`);
console.log("drydock (in process) | native tools on the same files (tar, gzip -6, sha256sum)");
try {
  for (let round = 1; round <= 3; round++) {
    const written = time(() => writeTar(entries));
    const tar = written.result;
    const hashed = time(() => sha256Hex(tar));
    const read = time(() => readTar(tar));
    const compressed = time(() => gzip(tar));
    const inflated = time(() => gunzip(compressed.result, { sizeBytesMax: tar.length }));
    const zlibCompressed = time(() => zlibGzip(tar, { level: 6 }));
    const fflateInflated = time(() => fflateGunzip(compressed.result));
    if (inflated.result.length !== tar.length || read.result.length !== entries.length)
      throw new Error("mismatch");
    const tarFile = join(workDir, "layer.tar");
    writeFileSync(tarFile, tar);
    writeFileSync(`${tarFile}.gz`, compressed.result);
    const nativeTarSha = timeShell(`tar -cf - -C ${tree} . | sha256sum`);
    const nativeSha = timeShell(`sha256sum ${tarFile}`);
    const nativeGzip = timeShell(`gzip -6 -c ${tarFile} > /dev/null`);
    const nativeGunzip = timeShell(`gzip -dc ${tarFile}.gz > /dev/null`);
    console.log(`round ${round}: tar ${mib(tar.length).toFixed(1)} MiB`);
    const rows: [string, string, string][] = [
      [
        "tar + sha256",
        rate(tar.length, written.seconds + hashed.seconds),
        rate(tar.length, nativeTarSha),
      ],
      ["sha256 alone", rate(tar.length, hashed.seconds), rate(tar.length, nativeSha)],
      [
        `gzip -6 (ratio ${(tar.length / compressed.result.length).toFixed(2)})`,
        rate(tar.length, compressed.seconds),
        rate(tar.length, nativeGzip),
      ],
      [
        "gunzip (checked, limited)",
        rate(tar.length, inflated.seconds),
        rate(tar.length, nativeGunzip),
      ],
      ["writeTar alone", rate(tar.length, written.seconds), "-"],
      ["readTar", rate(tar.length, read.seconds), "-"],
      ["fflate gunzipSync alone", rate(tar.length, fflateInflated.seconds), "-"],
      ["node:zlib gzip -6", rate(tar.length, zlibCompressed.seconds), "-"],
    ];
    for (const [what, ours, native] of rows) {
      console.log(
        `  ${what.padEnd(28)} drydock ${ours.padStart(13)}   native ${native.padStart(13)}`,
      );
    }
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
