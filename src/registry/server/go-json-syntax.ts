/** Nesting beyond this is refused (Go's decoder stops at 10000; manifests nest 4 deep). */
const DEPTH_MAX = 512;

class SyntaxStop {
  constructor(readonly at: number) {}
}

/**
 * Where Go's `encoding/json` would report a syntax error in `bytes`: its `SyntaxError.Offset`
 * (the position after the offending byte, or the length at an unexpected end), which 2.8.2
 * puts in `MANIFEST_INVALID`'s detail. Undefined when the bytes are valid JSON.
 */
export function goJsonSyntaxOffset(bytes: Uint8Array): number | undefined {
  const scanner = new Scanner(bytes);
  try {
    scanner.space();
    scanner.value(0);
    scanner.space();
    if (scanner.at < bytes.length) throw new SyntaxStop(scanner.at);
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error;
    return error.at >= bytes.length ? bytes.length : error.at + 1;
  }
}

class Scanner {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}

  space(): void {
    while (this.at < this.bytes.length && [0x20, 0x09, 0x0a, 0x0d].includes(this.bytes[this.at]!))
      this.at++;
  }

  expect(byte: number): void {
    if (this.bytes[this.at] !== byte) throw new SyntaxStop(this.at);
    this.at++;
  }

  value(depth: number): void {
    if (depth > DEPTH_MAX) throw new SyntaxStop(this.at);
    const byte = this.bytes[this.at];
    if (byte === 0x7b) this.object(depth);
    else if (byte === 0x5b) this.array(depth);
    else if (byte === 0x22) this.string();
    else if (byte === 0x74) this.literal("true");
    else if (byte === 0x66) this.literal("false");
    else if (byte === 0x6e) this.literal("null");
    else if (byte === 0x2d || isDigit(byte)) this.number();
    else throw new SyntaxStop(this.at);
  }

  object(depth: number): void {
    this.members(0x7d, () => {
      if (this.bytes[this.at] !== 0x22) throw new SyntaxStop(this.at);
      this.string();
      this.space();
      this.expect(0x3a);
      this.space();
      this.value(depth + 1);
    });
  }

  array(depth: number): void {
    this.members(0x5d, () => this.value(depth + 1));
  }

  /** The rest of an object or array after its opening byte: none, or items between commas. */
  members(close: number, item: () => void): void {
    this.at++;
    this.space();
    if (this.bytes[this.at] === close) {
      this.at++;
      return;
    }
    for (;;) {
      this.space();
      item();
      this.space();
      if (this.bytes[this.at] !== 0x2c) break;
      this.at++;
    }
    this.expect(close);
  }

  string(): void {
    this.at++;
    for (;;) {
      const byte = this.bytes[this.at];
      if (byte === undefined || byte < 0x20) throw new SyntaxStop(this.at);
      this.at++;
      if (byte === 0x22) return;
      if (byte !== 0x5c) continue;
      const escaped = this.bytes[this.at];
      if (escaped === 0x75) {
        this.at++;
        for (let i = 0; i < 4; i++) {
          if (!isHex(this.bytes[this.at])) throw new SyntaxStop(this.at);
          this.at++;
        }
      } else if (escaped !== undefined && '"\\/bfnrt'.includes(String.fromCharCode(escaped))) {
        this.at++;
      } else {
        throw new SyntaxStop(this.at);
      }
    }
  }

  literal(word: string): void {
    for (let i = 0; i < word.length; i++) this.expect(word.charCodeAt(i));
  }

  number(): void {
    if (this.bytes[this.at] === 0x2d) this.at++;
    if (this.bytes[this.at] === 0x30) this.at++;
    else this.digits();
    if (this.bytes[this.at] === 0x2e) {
      this.at++;
      this.digits();
    }
    const exponent = this.bytes[this.at];
    if (exponent === 0x65 || exponent === 0x45) {
      this.at++;
      const sign = this.bytes[this.at];
      if (sign === 0x2b || sign === 0x2d) this.at++;
      this.digits();
    }
  }

  digits(): void {
    if (!isDigit(this.bytes[this.at])) throw new SyntaxStop(this.at);
    while (isDigit(this.bytes[this.at])) this.at++;
  }
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function isHex(byte: number | undefined): boolean {
  return (
    isDigit(byte) ||
    (byte !== undefined && ((byte >= 0x61 && byte <= 0x66) || (byte >= 0x41 && byte <= 0x46)))
  );
}
