import { utf8String } from "../../archive/byte-strings.ts";
import { applyExtendedHeaders, type PendingMeta } from "../../archive/extended-headers.ts";
import { parsePaxRecords } from "../../archive/pax-records.ts";
import { BLOCK_SIZE, isZeroBlock, paddedSize, TYPEFLAG } from "../../archive/tar-block.ts";
import { decodeTarHeader } from "../../archive/tar-header-decoder.ts";

/** What `TarEntry` normalises away and the classic builder's file hash still sees. */
export interface RawTarHeader {
  /** The name exactly as the archive wrote it (`dir/`, `./a`), extended headers applied. */
  readonly name: string;
  /** The whole mode field, file-type bits included when the writer put them there. */
  readonly mode: number;
  /** The type flag character; the pre-POSIX `\0` reads as `0` (or `5` for a name ending in `/`). */
  readonly typeflag: string;
}

/** Types whose data section follows the header (the others are header-only). */
const DATA_TYPES: ReadonlySet<number> = new Set([
  TYPEFLAG.regular,
  TYPEFLAG.regularOld,
  TYPEFLAG.contiguous,
]);

/**
 * The raw name, mode and type of every entry of a tar archive, in archive order — one per entry
 * `readTar` returns, so the two lists line up. Docker hashes context files from the headers as
 * the client wrote them (the docker CLI writes modes without type bits, Docker's layer tars with
 * them), which `TarEntry` does not keep. The archive must already have been read successfully
 * with `readTar`: this pass trusts its structure.
 */
export function rawTarHeaders(bytes: Uint8Array): RawTarHeader[] {
  const out: RawTarHeader[] = [];
  let offset = 0;
  let meta: PendingMeta | undefined;
  while (offset + BLOCK_SIZE <= bytes.length) {
    const block = bytes.subarray(offset, offset + BLOCK_SIZE);
    if (isZeroBlock(block)) break;
    const header = decodeTarHeader(block, offset);
    const dataOffset = offset + BLOCK_SIZE;
    const body = (): Uint8Array =>
      bytes.subarray(dataOffset, Math.min(dataOffset + header.sizeBytes, bytes.length));
    switch (header.typeflag) {
      case TYPEFLAG.paxExtended: {
        const records = parsePaxRecords(body());
        if (typeof records !== "string") meta = { ...(meta ?? { offset }), pax: records };
        offset = dataOffset + paddedSize(header.sizeBytes);
        continue;
      }
      case TYPEFLAG.paxGlobal:
        meta = undefined;
        offset = dataOffset + paddedSize(header.sizeBytes);
        continue;
      case TYPEFLAG.gnuLongName:
      case TYPEFLAG.gnuLongLink: {
        const data = body();
        const nul = data.indexOf(0);
        const value = utf8String(nul < 0 ? data : data.subarray(0, nul));
        meta = meta ?? { offset };
        if (header.typeflag === TYPEFLAG.gnuLongName) meta.longName = value;
        else meta.longLink = value;
        offset = dataOffset + paddedSize(header.sizeBytes);
        continue;
      }
      default: {
        const fields = applyExtendedHeaders(header, meta);
        meta = undefined;
        out.push({
          name: fields.name,
          mode: header.mode,
          typeflag: typeflagOf(header.typeflag, fields.name),
        });
        const dataBytes = DATA_TYPES.has(header.typeflag) ? fields.sizeBytes : 0;
        offset = dataOffset + paddedSize(dataBytes);
      }
    }
  }
  return out;
}

function typeflagOf(typeflag: number, name: string): string {
  if (typeflag === TYPEFLAG.regularOld) return name.endsWith("/") ? "5" : "0";
  return String.fromCharCode(typeflag);
}
