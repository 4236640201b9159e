import { LimitExceededError } from "../errors/limit-exceeded-error.ts";

/** One log line as the json-file driver stores it: the stream, the instant, the bytes. */
export interface LogEntry {
  readonly stream: "stdout" | "stderr";
  /** When the line was complete (the copier read its newline), in microseconds. */
  readonly tUs: number;
  /** The line with its `\n`; the last line of a run may lack it. */
  readonly data: Uint8Array;
}

const LINE_BYTES_MAX = 16 * 1024;

/**
 * A container's log, kept as dockerd's json-file driver keeps it: the output is cut into lines
 * (a line longer than 16 KiB is split, as Docker's copier does), each stamped with the instant it
 * completed. Lines are kept up to a byte limit; past it the oldest lines are dropped, as rotation
 * would. Followers are told about each new line.
 */
export class LogStore {
  readonly #entries: LogEntry[] = [];
  readonly #partial = new Map<"stdout" | "stderr", Uint8Array[]>();
  readonly #listeners = new Set<(entry: LogEntry) => void>();
  readonly #bytesMax: number;
  #bytes = 0;
  #dropped = 0;

  constructor(options: { bytesMax: number; entries?: readonly LogEntry[] }) {
    this.#bytesMax = options.bytesMax;
    for (const entry of options.entries ?? []) this.#add(entry);
  }

  /** Lines kept, oldest first. */
  get entries(): readonly LogEntry[] {
    return this.#entries;
  }

  /** How many lines were dropped to stay under the limit. */
  get droppedCount(): number {
    return this.#dropped;
  }

  /** Output as a process wrote it: complete lines become entries, the rest waits. */
  write(stream: "stdout" | "stderr", data: Uint8Array, tUs: number): void {
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const pending = this.#pendingBytes(stream) + (i - start + 1);
      if (data[i] === 0x0a || pending >= LINE_BYTES_MAX) {
        this.#completeLine(stream, data.subarray(start, i + 1), tUs);
        start = i + 1;
      }
    }
    if (start < data.length) {
      const parts = this.#partial.get(stream) ?? [];
      parts.push(data.slice(start));
      this.#partial.set(stream, parts);
    }
  }

  /** The process ended: what is left of each stream becomes a last (unterminated) line. */
  flush(tUs: number): void {
    for (const stream of ["stdout", "stderr"] as const) {
      if ((this.#partial.get(stream)?.length ?? 0) > 0)
        this.#completeLine(stream, new Uint8Array(0), tUs);
    }
  }

  /** Calls `listener` for every line added from now on; returns the unsubscribe function. */
  subscribe(listener: (entry: LogEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #pendingBytes(stream: "stdout" | "stderr"): number {
    return (this.#partial.get(stream) ?? []).reduce((sum, part) => sum + part.length, 0);
  }

  #completeLine(stream: "stdout" | "stderr", tail: Uint8Array, tUs: number): void {
    const parts = this.#partial.get(stream) ?? [];
    this.#partial.delete(stream);
    const data = new Uint8Array(parts.reduce((sum, part) => sum + part.length, tail.length));
    let offset = 0;
    for (const part of [...parts, tail]) {
      data.set(part, offset);
      offset += part.length;
    }
    const entry: LogEntry = Object.freeze({ stream, tUs, data });
    this.#add(entry);
    for (const listener of [...this.#listeners]) listener(entry);
  }

  #add(entry: LogEntry): void {
    if (entry.data.length > this.#bytesMax) {
      throw new LimitExceededError({ what: "log line bytes", limit: this.#bytesMax });
    }
    this.#entries.push(entry);
    this.#bytes += entry.data.length;
    while (this.#bytes > this.#bytesMax) {
      const dropped = this.#entries.shift()!;
      this.#bytes -= dropped.data.length;
      this.#dropped++;
    }
  }
}
