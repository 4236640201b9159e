import { type Applet, done } from "./applet.ts";

const CONTROL_NAMES =
  "NUL SOH STX ETX EOT ENQ ACK BEL BS HT NL VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US".split(
    " ",
  );

/** The table busybox 1.35's `ascii` prints: 16 rows of 8 columns, codes 0–127. */
export function asciiTable(): string {
  let out = "Dec Hex    Dec Hex    Dec Hex  Dec Hex  Dec Hex  Dec Hex   Dec Hex   Dec Hex\n";
  for (let row = 0; row < 16; row++) {
    for (let column = 0; column < 8; column++) {
      const code = row + 16 * column;
      const name =
        code < 32 ? CONTROL_NAMES[code]! : code === 127 ? "DEL" : String.fromCharCode(code);
      if (column > 0) out += column >= 6 ? "  " : " ";
      const cell = `${String(code).padStart(3)} ${code.toString(16).padStart(2, "0")} `;
      out += cell + (column < 2 ? name.padEnd(3) : column < 7 ? name.padEnd(1) : name);
    }
    out += "\n";
  }
  return out;
}

/** `ascii`: the table, whatever the arguments (busybox ignores them). */
export const ascii: Applet = () => Promise.resolve(done(asciiTable()));
