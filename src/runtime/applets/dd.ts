import { type Applet, done } from "./applet.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { type DdCopyResult, ddCopy } from "./dd-copy.ts";
import { openDdInput } from "./dd-input.ts";
import { type DdOperands, parseDdOperands } from "./dd-operands.ts";
import { DD_FILE_BYTES_MAX, openDdOutput } from "./dd-output.ts";
import { strerror } from "./libc-errors.ts";

/**
 * Simulated cost of a copy, from busybox dd in a real container on the build machine: one
 * million 1-byte records to /dev/null took 0.31 s (≈ 300 ns per read+write pair), 100 MiB in
 * 1 MiB blocks to an overlay file 0.03 s (≈ 0.3 ns per byte), /dev/urandom 20 MiB 0.05 s
 * (≈ 2.5 ns per byte).
 */
const RECORD_COST_NS = 300;
const BYTE_COST_PS = 300;
const RANDOM_BYTE_COST_PS = 2500;
/** A copy that would take longer than this much simulated time is treated as endless. */
const COPY_DURATION_US_MAX = 10 * 365 * 86_400 * 1e6;

/**
 * `dd [if=F] [of=F] [bs=N|ibs=N obs=N] [count=N] [skip=N] [seek=N] [conv=…] [iflag=…] [oflag=…]
 * [status=none|noxfer]`, as Debian's busybox 1.35 (built without the third status line, so only
 * the records are reported). The copy costs simulated time (see `RECORD_COST_NS`); the output
 * file is written once, at the end.
 */
export const dd: Applet = withHelp(async (argv, ctx, host) => {
  const op = parseDdOperands(argv.slice(1));
  if (op === "usage") return showUsage("dd");
  if ("error" in op) return done("", `dd: ${op.error}\n`, 1);
  const input = openDdInput(op.infile, ctx, host);
  if ("errno" in input) return cantOpen(op.infile!, input.errno);
  const notrunc = op.flags.has("notrunc");
  const output = await openDdOutput(
    { outfile: op.outfile, truncate: op.seek === 0n && !notrunc, append: op.flags.has("append") },
    ctx,
    host,
  );
  if ("errno" in output) return cantOpen(op.outfile!, output.errno);
  const seekBytes = blockOffset(op.seek, op.flags.has("seek_bytes") ? 1 : op.obs);
  if (op.seek > 0n && !notrunc) {
    const errno = output.truncate(seekBytes);
    if (errno !== undefined) return done("", `dd: ${output.name}: ${strerror(errno)}\n`, 1);
  }
  input.skip(blockOffset(op.skip, op.flags.has("skip_bytes") ? 1 : op.ibs));
  if (op.seek > 0n) {
    const errno = output.seek(seekBytes);
    if (errno !== undefined) return done("", `dd: ${output.name}: ${strerror(errno)}\n`, 1);
  }
  const copy = ddCopy(op, input, output);
  const durationUs = copyDurationUs(copy, input.kind === "random");
  if (copy.outcome === "runaway" || durationUs > COPY_DURATION_US_MAX) {
    await host.sleep(Number.POSITIVE_INFINITY, ctx.signal);
    return done("", "", 130);
  }
  await host.sleep(durationUs, ctx.signal);
  const stdout = await output.commit(host, copy.written);
  const result = { ...done(stdout, copy.stderr + status(op, copy), exitCode(copy)) };
  return stdout === "" ? result : { ...result, stdoutKind: "bytes", stdoutEncoding: "binary" };
});

function cantOpen(name: string, errno: string): ReturnType<typeof done> {
  return done("", `dd: can't open '${name}': ${strerror(errno)}\n`, 1);
}

/** `count × size` bytes, saturating past what any simulated file can hold. */
function blockOffset(count: bigint, size: number): number {
  const bytes = count * BigInt(size);
  return bytes > BigInt(DD_FILE_BYTES_MAX) * 2n ? DD_FILE_BYTES_MAX * 2 : Number(bytes);
}

function copyDurationUs(copy: DdCopyResult, random: boolean): number {
  const bytePs = BYTE_COST_PS + (random ? RANDOM_BYTE_COST_PS : 0);
  const ns = copy.readCalls * RECORD_COST_NS + (copy.bytesRead * bytePs) / 1000;
  return Math.ceil(ns / 1000);
}

/** The two records lines busybox prints unless `status=none` (or it died). */
function status(op: DdOperands, copy: DdCopyResult): string {
  if (copy.outcome === "die" || op.flags.has("status_none")) return "";
  const { inFull, inPart, outFull, outPart } = copy.records;
  return `${inFull}+${inPart} records in\n${outFull}+${outPart} records out\n`;
}

function exitCode(copy: DdCopyResult): number {
  return copy.outcome === "done" ? 0 : 1;
}
