import type { MsbBitReader } from "./msb-bit-reader.ts";

/** Longest code bzip2 allows. */
export const BZIP2_CODE_LENGTH_MAX = 20;

/** A canonical Huffman code, decoded by comparing prefixes with each length's last code. */
export interface Bzip2HuffmanTable {
  readonly minLength: number;
  readonly maxLength: number;
  /** Per length: the largest code of that length (-1 when none), as a `length`-bit value. */
  readonly limit: Int32Array;
  /** Per length: the first code of that length. */
  readonly start: Int32Array;
  /** Per length: where that length's symbols start in `symbols`. */
  readonly offset: Int32Array;
  /** Symbols ordered by (code length, symbol). */
  readonly symbols: Uint16Array;
}

/** Builds the canonical code for `lengths` (each 1–20), as bzip2 assigns codes. */
export function buildBzip2Table(lengths: Uint8Array): Bzip2HuffmanTable {
  let minLength = BZIP2_CODE_LENGTH_MAX;
  let maxLength = 0;
  const counts = new Int32Array(BZIP2_CODE_LENGTH_MAX + 2);
  for (const length of lengths) {
    counts[length]!++;
    if (length < minLength) minLength = length;
    if (length > maxLength) maxLength = length;
  }
  const limit = new Int32Array(BZIP2_CODE_LENGTH_MAX + 2).fill(-1);
  const start = new Int32Array(BZIP2_CODE_LENGTH_MAX + 2);
  const offset = new Int32Array(BZIP2_CODE_LENGTH_MAX + 2);
  let code = 0;
  let index = 0;
  for (let length = minLength; length <= maxLength; length++) {
    start[length] = code;
    offset[length] = index;
    code += counts[length]!;
    index += counts[length]!;
    limit[length] = code - 1;
    code <<= 1;
  }
  const symbols = new Uint16Array(lengths.length);
  const next = offset.slice();
  lengths.forEach((length, symbol) => {
    symbols[next[length]!++] = symbol;
  });
  return { minLength, maxLength, limit, start, offset, symbols };
}

/** Decodes one symbol, or returns -1 when the bits match no code (a corrupt stream). */
export function decodeBzip2Symbol(reader: MsbBitReader, table: Bzip2HuffmanTable): number {
  const peeked = reader.peek(table.maxLength);
  for (let length = table.minLength; length <= table.maxLength; length++) {
    const code = peeked >>> (table.maxLength - length);
    if (code <= table.limit[length]!) {
      reader.consume(length);
      return table.symbols[table.offset[length]! + code - table.start[length]!]!;
    }
  }
  return -1;
}
