import { type TarEntry, tarEntry } from "../src/archive/tar-entry.ts";
import { treeFromEntries } from "../src/fs/apply-entries.ts";
import { OverlayFs } from "../src/fs/overlay-fs.ts";

const enc = new TextEncoder();
function layer(seed: number, files: number): TarEntry[] {
  const out: TarEntry[] = [];
  for (let d = 0; d < 100; d++) {
    out.push(tarEntry({ path: `usr/d${d}`, type: "directory", mtimeUs: seed }));
    for (let f = 0; f < files / 100; f++)
      out.push(
        tarEntry({
          path: `usr/d${d}/f${f}-${seed}`,
          type: "file",
          data: enc.encode(`content ${d} ${f}`),
          mtimeUs: seed,
        }),
      );
  }
  return out;
}
const tenK = layer(1, 10_000);
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  const tree = treeFromEntries(tenK, { nowUs: 0 });
  const t1 = performance.now();
  console.log(
    `treeFromEntries 10,000 files (+100 dirs): ${(t1 - t0).toFixed(1)} ms, entries ${tree.store.entryCount}`,
  );
}
const layers = [1, 2, 3, 4, 5].map((seed) => treeFromEntries(layer(seed, 2_000), { nowUs: 0 }));
const fs = new OverlayFs({ lowers: layers, nowUs: 0 });
const paths: string[] = [];
for (let i = 0; i < 100_000; i++) paths.push(`/usr/d${i % 100}/f${(i >> 7) % 20}-${1 + (i % 5)}`);
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  let size = 0;
  for (const p of paths) size += fs.stat(p).sizeBytes;
  const t1 = performance.now();
  console.log(`stat 100,000 paths through 5 layers: ${(t1 - t0).toFixed(1)} ms (${size})`);
}
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  let found = 0;
  for (const p of paths) found += fs.exists(p.replace("/f", "/g")) ? 1 : 0;
  console.log(
    `exists() on 100,000 missing paths: ${(performance.now() - t0).toFixed(1)} ms (${found} found)`,
  );
}

import { applyEntries, flatten } from "../src/fs/apply-entries.ts";

const flat = flatten([tenK], { nowUs: 0 });
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  applyEntries(flat, [tarEntry({ path: "usr/new", type: "file" })], { nowUs: 1 });
  console.log(
    `applyEntries of 1 entry onto a 10,100-entry tree (scratch copy): ${(performance.now() - t0).toFixed(1)} ms`,
  );
}
const up = new OverlayFs({ lowers: [treeFromEntries(tenK, { nowUs: 0 })], nowUs: 0 });
for (let i = 0; i < 10_000; i++)
  up.writeFile(`/usr/d${i % 100}/f${Math.floor(i / 100)}-1`, enc.encode("x"), {
    nowUs: 5,
    append: true,
  });
for (let run = 0; run < 3; run++) {
  const t0 = performance.now();
  const d = up.diff();
  const t1 = performance.now();
  const c = up.changes();
  console.log(
    `diff of a 10,100-entry upper: ${(t1 - t0).toFixed(1)} ms (${d.length} entries); changes: ${(performance.now() - t1).toFixed(1)} ms (${c.length})`,
  );
}
