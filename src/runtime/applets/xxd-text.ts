import { DUMP_OUTPUT_MAX } from "./dump-display.ts";

/** How `xxd` lays its dump out. */
export interface XxdLayout {
  /** `-p`: bare hex (inside the C array too with `-i`). */
  readonly plain: boolean;
  /** `-i`: a C array. */
  readonly include: boolean;
  /** `-c` (0: the mode's default: 16, 30 or 12). */
  readonly columns: number;
  /** `-g`: bytes per group; 0 or at least `columns` makes one group. */
  readonly group: number;
  /** `-o`: added to the displayed offsets. */
  readonly displayOffset: bigint;
  /** The FILE operand, which `-i` names its array after (no header for stdin). */
  readonly name: string | undefined;
}

const HEX = "0123456789abcdef";

function hex2(byte: number): string {
  return HEX[byte >> 4]! + HEX[byte & 15]!;
}

/** The text busybox 1.35's xxd prints for `data`, which starts at `startAddress`; undefined if huge. */
export function xxdText(
  data: Uint8Array,
  startAddress: bigint,
  layout: XxdLayout,
): string | undefined {
  if (layout.include) return include(data, startAddress, layout);
  if (layout.plain) return plainHex(data, layout.columns || 30);
  return classic(data, startAddress, layout);
}

function plainHex(data: Uint8Array, columns: number): string {
  let out = "";
  for (let offset = 0; offset < data.length; offset += columns) {
    for (const byte of data.subarray(offset, offset + columns)) out += hex2(byte);
    out += "\n";
  }
  return out;
}

/** `-i`: a C array named after the file (`__` before a leading digit, `_` for other bytes). */
function include(data: Uint8Array, startAddress: bigint, layout: XxdLayout): string {
  let body = layout.plain ? plainHex(data, layout.columns || 30) : "";
  const columns = layout.columns || 12;
  for (let offset = 0; !layout.plain && offset < data.length; offset += columns) {
    const cells = Array.from(data.subarray(offset, offset + columns), (byte) => `0x${hex2(byte)}`);
    body += `  ${cells.join(", ")},\n`;
  }
  if (layout.name === undefined) return body;
  const bytes = new TextEncoder().encode(layout.name);
  let name = /^[0-9]/.test(layout.name) ? "__" : "";
  for (const byte of bytes)
    name += /[A-Za-z0-9]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : "_";
  const length = startAddress + BigInt(data.length);
  return `unsigned char ${name}[] = {\n${body}};\nunsigned int ${name}_len = ${length};\n`;
}

/** `OFFSET: hhhh hhhh …  text`, short lines padded so the text column stays put. */
function classic(data: Uint8Array, startAddress: bigint, layout: XxdLayout): string | undefined {
  const columns = layout.columns || 16;
  const group = layout.group < 1 || layout.group >= columns ? columns : layout.group;
  if (columns * 4 > DUMP_OUTPUT_MAX) return undefined;
  let out = "";
  for (let offset = 0; offset < data.length; offset += columns) {
    const line = data.subarray(offset, offset + columns);
    const address = (startAddress + BigInt(offset) + layout.displayOffset) & (2n ** 64n - 1n);
    let hex = "";
    let text = "";
    for (let i = 0; i < columns; i++) {
      const byte = line[i];
      hex += byte === undefined ? "  " : hex2(byte);
      if ((i + 1) % group === 0 && i + 1 < columns) hex += " ";
      if (byte !== undefined) text += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".";
    }
    out += `${address.toString(16).padStart(8, "0")}: ${hex}  ${text}\n`;
    if (out.length > DUMP_OUTPUT_MAX) return undefined;
  }
  return out;
}
