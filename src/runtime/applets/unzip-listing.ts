import type { ZipEntry } from "../../archive/zip-reader.ts";

/** `MM-DD-YYYY HH:MM` of an MS-DOS date and time, as busybox prints them. */
export function dosDateTime(entry: ZipEntry): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  const day = entry.dosDate & 31;
  const month = (entry.dosDate >> 5) & 15;
  const year = (entry.dosDate >> 9) + 1980;
  return `${two(month)}-${two(day)}-${year} ${two(entry.dosTime >> 11)}:${two((entry.dosTime >> 5) & 63)}`;
}

const pad = (value: number, width: number): string => String(value).padStart(width, " ");

/** busybox's method column: `Stored`, or `Defl:` with the level flags N/X/F/S. */
function methodName(entry: ZipEntry): string {
  if (entry.method === 0) return "Stored";
  if (entry.method === 8) return `Defl:${"NXFS"[(entry.flags >> 1) & 3]}`;
  return `Unk:${String(entry.method).padStart(3, "0")}`;
}

function ratioPercent(sizeBytes: number, compressedBytes: number): number {
  return sizeBytes === 0 ? 0 : Math.trunc(((sizeBytes - compressedBytes) * 100) / sizeBytes);
}

/** The listing table's header of `unzip -l` (short) or `unzip -lv` (verbose). */
export function listingHeader(verbose: boolean): string {
  return verbose
    ? " Length   Method    Size  Cmpr    Date    Time   CRC-32   Name\n--------  ------  ------- ---- ---------- ----- --------  ----\n"
    : "  Length      Date    Time    Name\n---------  ---------- -----   ----\n";
}

/** One row of the listing for `entry`, shown under `name`. */
export function listingRow(entry: ZipEntry, name: string, verbose: boolean): string {
  if (!verbose) return `${pad(entry.sizeBytes, 9)}  ${dosDateTime(entry)}   ${name}\n`;
  const crc = entry.crc32.toString(16).padStart(8, "0");
  const percent = ratioPercent(entry.sizeBytes, entry.compressedSizeBytes);
  return `${pad(entry.sizeBytes, 8)}  ${methodName(entry)}${pad(entry.compressedSizeBytes, 9)}${pad(percent, 4)}% ${dosDateTime(entry)} ${crc}  ${name}\n`;
}

/** The listing's totals. */
export function listingFooter(
  totals: { sizeBytes: number; compressedBytes: number; count: number },
  verbose: boolean,
): string {
  if (!verbose) {
    return ` --------${" ".repeat(21)}-------\n${pad(totals.sizeBytes, 9)}${" ".repeat(21)}${totals.count} files\n`;
  }
  const percent = ratioPercent(totals.sizeBytes, totals.compressedBytes);
  return `--------          ------- ----                            ----\n${pad(totals.sizeBytes, 8)}${pad(totals.compressedBytes, 17)} ${pad(percent, 3)}%${" ".repeat(28)}${totals.count} files\n`;
}
