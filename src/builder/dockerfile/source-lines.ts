import { checkLimit, DOCKERFILE_LINE_BYTES_MAX, type DockerfileLimits } from "./limits.ts";

/** One physical line of a Dockerfile. */
export interface SourceLine {
  /** 1-based line number. */
  readonly number: number;
  /** The text without its line ending (Go's `bufio.ScanLines`: `\n` and one `\r` before it). */
  readonly text: string;
  /** The line ending as written: `\n`, `\r\n` or `` at the end of the file. */
  readonly ending: string;
}

/** The physical lines of a Dockerfile, and where reading had to stop. */
export interface SourceLines {
  readonly lines: readonly SourceLine[];
  /**
   * Set when a line is longer than Docker's 64 KiB scanner allows: `lines` stops before it, as
   * Docker's scanner does, and the parser reports it after what came before.
   */
  readonly tooLongAt?: number;
}

const BOM = "\uFEFF";
const encoder = new TextEncoder();

/** UTF-8 length of a string without allocating for ASCII-only text. */
export function utf8Length(text: string): number {
  if (/^[\u0000-\u007f]*$/.test(text)) return text.length;
  return encoder.encode(text).length;
}

/** Decodes Dockerfile bytes as UTF-8 (invalid sequences become U+FFFD, as Go prints them). */
export function decodeDockerfile(source: string | Uint8Array): string {
  return typeof source === "string"
    ? source
    : new TextDecoder("utf-8", { ignoreBOM: true }).decode(source);
}

/**
 * Splits a Dockerfile into physical lines the way Docker's line scanner does: a UTF-8 BOM at the
 * very start is dropped, CRLF counts as one ending, and a final line without a newline still
 * counts while an empty one after the last newline does not.
 */
export function splitSourceLines(text: string, limits: DockerfileLimits): SourceLines {
  checkLimit("sizeBytesMax", { actual: utf8Length(text), limit: limits.sizeBytesMax });
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const lines: SourceLine[] = [];
  let start = 0;
  while (start < body.length) {
    const newline = body.indexOf("\n", start);
    const end = newline < 0 ? body.length : newline;
    const hasCr = end > start && body.charCodeAt(end - 1) === 13;
    const raw = body.slice(start, end);
    if (utf8Length(raw) > DOCKERFILE_LINE_BYTES_MAX) return { lines, tooLongAt: lines.length + 1 };
    lines.push({
      number: lines.length + 1,
      text: hasCr ? raw.slice(0, -1) : raw,
      ending: newline < 0 ? "" : hasCr ? "\r\n" : "\n",
    });
    checkLimit("lineCountMax", { actual: lines.length, limit: limits.lineCountMax });
    start = newline < 0 ? body.length : newline + 1;
  }
  return { lines };
}
