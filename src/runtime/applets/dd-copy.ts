import { ByteStream } from "./byte-stream.ts";
import type { DdInput } from "./dd-input.ts";
import type { DdOperands } from "./dd-operands.ts";
import type { DdOutput } from "./dd-output.ts";
import { strerror } from "./libc-errors.ts";

/** dd's record counters: full and partial reads and writes. */
export interface DdRecords {
  inFull: number;
  inPart: number;
  outFull: number;
  outPart: number;
}

/**
 * How a copy ended: `done`, a failed write (status still printed), `die` (busybox exits at once,
 * no status), or `runaway`: an endless copy into a discarding output, which runs until killed.
 */
export type DdOutcome = "done" | "write-error" | "die" | "runaway";

/** What `ddCopy` did. */
export interface DdCopyResult {
  readonly records: DdRecords;
  readonly outcome: DdOutcome;
  readonly stderr: string;
  /** The bytes written, in order (only as many as the output keeps). */
  readonly written: Uint8Array;
  /** read(2) calls and bytes read, for the simulated time the copy takes. */
  readonly readCalls: number;
  readonly bytesRead: number;
}

/** conv=noerror on an unreadable input fails each read; past this many it counts as endless. */
const FAILED_READS_MAX = 10_000;

/** The mutable state of one copy, as the locals of busybox's `dd_main`. */
interface CopyState {
  readonly records: DdRecords;
  countLeft: number;
  written: number;
  /** Bytes waiting in the output buffer when ibs ≠ obs. */
  ocount: number;
  prevReadSize: number;
  readCalls: number;
  bytesRead: number;
  failedReads: number;
  stderr: string;
}

/**
 * busybox 1.35's copy loop (`dd_main` after the opens and seeks), with runs of equal reads done
 * at once: counts, `conv=sync|swab|noerror`, `iflag=count_bytes`, separate ibs/obs buffers, and
 * writes that stop at the output's room (ENOSPC on /dev/full, EFBIG past the file limit).
 */
export function ddCopy(op: DdOperands, input: DdInput, output: DdOutput): DdCopyResult {
  const room = output.room();
  const stream = new ByteStream(output.keepBytes());
  const state: CopyState = {
    records: { inFull: 0, inPart: 0, outFull: 0, outPart: 0 },
    countLeft:
      op.count === undefined
        ? Number.POSITIVE_INFINITY
        : Math.min(Number(op.count), Number.MAX_SAFE_INTEGER),
    written: 0,
    ocount: 0,
    prevReadSize: 0,
    readCalls: 0,
    bytesRead: 0,
    failedReads: 0,
    stderr: "",
  };
  const finish = (outcome: DdOutcome): DdCopyResult => ({
    records: state.records,
    outcome,
    stderr: state.stderr,
    written: stream.prefix(state.written),
    readCalls: state.readCalls,
    bytesRead: state.bytesRead,
  });
  for (;;) {
    const step = copyStep({ op, input, state, stream, room, outputName: output.name });
    if (step === "eof") break;
    if (step !== "more") return finish(step);
  }
  if (state.ocount > 0) {
    if (room.bytes - state.written < state.ocount) {
      state.written = room.bytes;
      state.stderr += writeError(output.name, room.errno);
      return finish("write-error");
    }
    state.written += state.ocount;
    state.records.outPart++;
  }
  return finish("done");
}

interface StepContext {
  readonly op: DdOperands;
  readonly input: DdInput;
  readonly state: CopyState;
  readonly stream: ByteStream;
  readonly room: { readonly bytes: number; readonly errno: string };
  readonly outputName: string;
}

/** One run of equal reads and the writes they cause. */
function copyStep(step: StepContext): DdOutcome | "more" | "eof" {
  const { op, input, state } = step;
  const countBytes = op.flags.has("count_bytes");
  if (state.countLeft === 0) return "eof";
  const size = countBytes && state.countLeft < op.ibs ? state.countLeft : op.ibs;
  const maxReads = countBytes ? Math.max(1, Math.floor(state.countLeft / op.ibs)) : state.countLeft;
  let length = 0;
  let reads = 1;
  if (input.kind === "unreadable") {
    state.stderr += `dd: ${input.name}: Is a directory\n`;
    if (!op.flags.has("noerror")) return "die";
    if (++state.failedReads > FAILED_READS_MAX) return "runaway";
  } else {
    const batch = input.peek(size, maxReads);
    if (batch.reads === 0) return "eof";
    ({ length, reads } = batch);
  }
  if (op.flags.has("swab")) {
    if (state.prevReadSize % 2 === 1) {
      state.stderr += `dd: can't swab ${state.prevReadSize} byte buffer\n`;
      return "die";
    }
    if (length % 2 === 1) reads = 1;
    state.prevReadSize = length;
  }
  state.countLeft -= countBytes ? length * reads : reads;
  const blockBytes = length < op.ibs && op.flags.has("sync") ? op.ibs : length;
  const plan = planWrites({ op, state, room: step.room.bytes, blockBytes, reads });
  if (!Number.isFinite(plan.readsDone)) return "runaway";
  produce(step, { length, blockBytes, reads: plan.readsDone });
  if (length === op.ibs) state.records.inFull += plan.readsDone;
  else state.records.inPart += plan.readsDone;
  state.readCalls += plan.readsDone;
  state.bytesRead += length * plan.readsDone;
  state.written += plan.writtenBytes;
  if (plan.failed) {
    state.stderr += writeError(step.outputName, step.room.errno);
    return "write-error";
  }
  return "more";
}

/** busybox's `bb_perror_msg("error writing '%s'")`. */
function writeError(name: string, errno: string): string {
  return `dd: error writing '${name}': ${strerror(errno)}\n`;
}

interface WritePlan {
  /** Reads done before the copy stops (Infinity: it never stops). */
  readonly readsDone: number;
  readonly writtenBytes: number;
  readonly failed: boolean;
}

/**
 * The writes `reads` blocks of `blockBytes` cause: one write per block with one buffer, whole
 * `obs` writes with two (the rest waits in `ocount`). A write that does not fit in the room left
 * is short and fails; the reads up to the one that fed it were done.
 */
function planWrites(options: {
  op: DdOperands;
  state: CopyState;
  room: number;
  blockBytes: number;
  reads: number;
}): WritePlan {
  const { op, state, room, blockBytes, reads } = options;
  const free = room - state.written;
  if (op.ibs === op.obs) {
    const fit = blockBytes === 0 ? reads : Math.min(reads, Math.floor(free / blockBytes));
    if (blockBytes === op.obs) state.records.outFull += fit;
    else state.records.outPart += fit;
    if (fit < reads) return { readsDone: fit + 1, writtenBytes: free, failed: true };
    return {
      readsDone: reads,
      writtenBytes: blockBytes === 0 ? 0 : reads * blockBytes,
      failed: false,
    };
  }
  const total = state.ocount + (blockBytes === 0 ? 0 : reads * blockBytes);
  const fullWrites = Math.floor(total / op.obs);
  const fit = Math.floor(free / op.obs);
  if (fullWrites > fit) {
    state.records.outFull += fit;
    const readsDone = Math.ceil(((fit + 1) * op.obs - state.ocount) / blockBytes);
    return { readsDone, writtenBytes: free, failed: true };
  }
  state.records.outFull += fullWrites;
  state.ocount = total - fullWrites * op.obs;
  return { readsDone: reads, writtenBytes: fullWrites * op.obs, failed: false };
}

/** Reads `reads` blocks of `length` bytes into the stream, padded (`sync`) or swapped (`swab`). */
function produce(
  step: StepContext,
  run: { length: number; blockBytes: number; reads: number },
): void {
  const { input, stream, op } = step;
  const byteCount = run.length * run.reads;
  let data = byteCount === 0 ? new Uint8Array(0) : input.take(byteCount, stream.remaining());
  if (data !== undefined && op.flags.has("swab")) data = swapPairs(data);
  if (data === undefined) stream.appendZeros(byteCount);
  else stream.append(data);
  // conv=sync pads a short read (only ever one, the last or a failed one) to a full block.
  if (run.blockBytes > run.length) stream.appendZeros(run.blockBytes - run.length);
}

/** A copy with each pair of bytes swapped; an odd last byte stays (busybox's bswap_16 loop). */
function swapPairs(data: Uint8Array): Uint8Array {
  const out = data.slice();
  for (let i = 0; i + 1 < out.length; i += 2) {
    out[i] = data[i + 1]!;
    out[i + 1] = data[i]!;
  }
  return out;
}
