import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

/**
 * Synchronous SHA-256 for every environment. In Node the native implementation is reached through
 * `process.getBuiltinModule` (no import of `node:crypto`, so browser bundles need no shim); in a
 * browser the pure-JS @noble/hashes takes over. Both give the same bytes; node:crypto is about
 * ten times faster (see ../shared/reference/toolchain-notes.md §5.10).
 */
export interface Sha256 {
  update(data: Uint8Array): Sha256;
  /** Lower-case hex of the 32-byte digest. The hasher cannot be used afterwards. */
  digestHex(): string;
}

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(encoding: "hex"): string;
}
interface NodeCrypto {
  createHash(algorithm: string): NodeHash;
}

function loadNodeCrypto(): NodeCrypto | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const crypto = proc?.getBuiltinModule?.("node:crypto") as NodeCrypto | undefined;
  return typeof crypto?.createHash === "function" ? crypto : undefined;
}

const nodeCrypto = loadNodeCrypto();

class NodeSha256 implements Sha256 {
  readonly #hash: NodeHash;
  constructor(crypto: NodeCrypto) {
    this.#hash = crypto.createHash("sha256");
  }
  update(data: Uint8Array): Sha256 {
    this.#hash.update(data);
    return this;
  }
  digestHex(): string {
    return this.#hash.digest("hex");
  }
}

class NobleSha256 implements Sha256 {
  readonly #hash = nobleSha256.create();
  update(data: Uint8Array): Sha256 {
    this.#hash.update(data);
    return this;
  }
  digestHex(): string {
    return toHex(this.#hash.digest());
  }
}

/** Which implementation this process uses: "node" or "noble". */
export const sha256Implementation: "node" | "noble" = nodeCrypto === undefined ? "noble" : "node";

export function createSha256(): Sha256 {
  return nodeCrypto === undefined ? new NobleSha256() : new NodeSha256(nodeCrypto);
}

/** The portable implementation, whatever the environment; for tests that compare the two. */
export function createPortableSha256(): Sha256 {
  return new NobleSha256();
}

export function sha256Hex(data: Uint8Array): string {
  return createSha256().update(data).digestHex();
}

const HEX = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += HEX[byte >> 4]! + HEX[byte & 15]!;
  return out;
}
