import { LzmaDecoder } from "./lzma-decoder.ts";
import type { OutputBuffer } from "./output-buffer.ts";
import { RangeDecoder } from "./range-decoder.ts";

/** Where LZMA2 data sits and how to report what is wrong with it. */
export interface Lzma2Input {
  readonly bytes: Uint8Array;
  readonly offset: number;
  readonly out: OutputBuffer;
  /** Throws the container's error; `at` is the input offset. */
  readonly fail: (reason: "truncated" | "corrupt", detail: string, at: number) => never;
}

/** How much input xz-embedded keeps in hand while decoding a chunk (LZMA_IN_REQUIRED - 1). */
const STREAMING_MARGIN_BYTES = 20;

/** lc + lp may not exceed 4 in LZMA2. */
const LCLP_MAX = 4;

/**
 * Decodes LZMA2 chunks starting at `offset` into `out`, up to and including the end byte (0x00);
 * returns the offset after it. Each LZMA chunk has its own range coder, which must consume its
 * packed size exactly and end flushed, as liblzma requires.
 */
export function decodeLzma2(input: Lzma2Input): number {
  const { bytes, out, fail } = input;
  const lzma = new LzmaDecoder();
  let pos = input.offset;
  let dictStart = out.length;
  let needDictReset = true;
  let needProperties = true;
  for (;;) {
    if (pos >= bytes.length) fail("truncated", "unexpected end of input", pos);
    const control = bytes[pos]!;
    if (control === 0) return pos + 1;
    const dictReset = control === 1 || control >= 0xe0;
    if (dictReset) {
      dictStart = out.length;
      needDictReset = false;
    } else if (needDictReset) {
      fail("corrupt", "first chunk does not reset the dictionary", pos);
    }
    if (control < 0x80) {
      if (control > 2) fail("corrupt", `invalid chunk control byte 0x${control.toString(16)}`, pos);
      if (pos + 3 > bytes.length) fail("truncated", "unexpected end of input", pos);
      const size = ((bytes[pos + 1]! << 8) | bytes[pos + 2]!) + 1;
      if (pos + 3 + size > bytes.length) fail("truncated", "unexpected end of input", pos);
      out.append(bytes.subarray(pos + 3, pos + 3 + size));
      pos += 3 + size;
      continue;
    }
    pos = lzmaChunk(input, { lzma, pos, dictStart, needProperties });
    needProperties = false;
  }
}

/** Decodes one LZMA chunk whose control byte is at `chunk.pos`; returns the offset after it. */
function lzmaChunk(
  input: Lzma2Input,
  chunk: { lzma: LzmaDecoder; pos: number; dictStart: number; needProperties: boolean },
): number {
  const { bytes, out, fail } = input;
  const { lzma, pos } = chunk;
  const control = bytes[pos]!;
  const reset = (control >>> 5) & 3;
  const headerSize = reset >= 2 ? 6 : 5;
  if (pos + headerSize > bytes.length) fail("truncated", "unexpected end of input", pos);
  const unpacked = ((control & 0x1f) << 16) + ((bytes[pos + 1]! << 8) | bytes[pos + 2]!) + 1;
  const packed = ((bytes[pos + 3]! << 8) | bytes[pos + 4]!) + 1;
  if (reset >= 2) {
    let props = bytes[pos + 5]!;
    if (props > 224) fail("corrupt", "invalid LZMA properties", pos + 5);
    const lc = props % 9;
    props = Math.floor(props / 9);
    const lp = props % 5;
    const pb = Math.floor(props / 5);
    if (lc + lp > LCLP_MAX) fail("corrupt", "invalid LZMA properties", pos + 5);
    lzma.setProperties({ lc, lp, pb });
  } else if (chunk.needProperties) {
    fail("corrupt", "first LZMA chunk does not set properties", pos);
  } else if (reset === 1) {
    lzma.resetState();
  }
  const start = pos + headerSize;
  const end = start + packed;
  // A chunk cut short by the end of the input is decoded as far as a streaming decoder would
  // have got (busybox's xz-embedded stops 20 bytes before the end of its input), so callers
  // can show the output it would already have written.
  const cut = end > bytes.length;
  const rc = new RangeDecoder(bytes, {
    offset: start,
    end: cut ? Math.max(start, bytes.length - STREAMING_MARGIN_BYTES) : end,
    onTruncated: () =>
      cut
        ? fail("truncated", "unexpected end of input", bytes.length)
        : fail("corrupt", "chunk data ended early", end),
  });
  if (!rc.init()) fail("corrupt", "invalid range coder start", start);
  const result = lzma.decode(rc, out, {
    dictStart: chunk.dictStart,
    endLength: out.length + unpacked,
  });
  if (result !== "size-reached") fail("corrupt", `LZMA chunk: ${result}`, rc.pos);
  if (!rc.finish() || rc.pos !== end) fail("corrupt", "LZMA chunk size mismatch", rc.pos);
  return end;
}
