/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as gzip trailers carry it. In Node the
 * native `zlib.crc32` is used, reached through `process.getBuiltinModule` as sha256.ts reaches
 * node:crypto, so browser bundles need no shim; elsewhere a slicing-by-8 table implementation
 * (fflate does not export its own). Both give the same values.
 */
type Crc32Function = (bytes: Uint8Array, previous?: number) => number;

function loadNodeCrc32(): Crc32Function | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const zlib = proc?.getBuiltinModule?.("node:zlib") as { crc32?: Crc32Function } | undefined;
  return typeof zlib?.crc32 === "function" ? zlib.crc32 : undefined;
}

const nodeCrc32 = loadNodeCrc32();
const TABLES: readonly Uint32Array[] = buildTables();

function buildTables(): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const base = tables[0]!;
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    base[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = base[n]!;
    for (let t = 1; t < 8; t++) {
      c = base[c & 0xff]! ^ (c >>> 8);
      tables[t]![n] = c >>> 0;
    }
  }
  return tables;
}

/** Continues a CRC-32 over `bytes`; start with `crc32(bytes)` or pass the previous value. */
export function crc32(bytes: Uint8Array, previous = 0): number {
  return nodeCrc32 === undefined ? portableCrc32(bytes, previous) : nodeCrc32(bytes, previous);
}

/** The table implementation, whatever the environment; for tests that compare the two. */
export function portableCrc32(bytes: Uint8Array, previous = 0): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
    Uint32Array,
  ];
  let crc = ~previous >>> 0;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  while (i < end8) {
    const lo =
      (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>>
      0;
    crc =
      t7[lo & 0xff]! ^
      t6[(lo >>> 8) & 0xff]! ^
      t5[(lo >>> 16) & 0xff]! ^
      t4[lo >>> 24]! ^
      t3[bytes[i + 4]!]! ^
      t2[bytes[i + 5]!]! ^
      t1[bytes[i + 6]!]! ^
      t0[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < bytes.length) crc = t0[(crc ^ bytes[i++]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}
