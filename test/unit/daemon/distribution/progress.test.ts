import assert from "node:assert/strict";
import { test } from "node:test";
import { tarEntry } from "../../../../src/archive/tar-entry.ts";
import { VirtualClock } from "../../../../src/clock/virtual-clock.ts";
import { humanSize, progressMessage } from "../../../../src/daemon/distribution/json-progress.ts";
import { ProgressMeter } from "../../../../src/daemon/distribution/progress-meter.ts";
import { tarWriteSizes } from "../../../../src/daemon/distribution/tar-writes.ts";
import { TransferLimiter } from "../../../../src/daemon/distribution/transfer-limiter.ts";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import { offlineLayer } from "../../../../src/runtime/offline-images.ts";
import { allRecordedStreams } from "../../registry/client/recorded.ts";

test("every recorded progress line is rebuilt from its counts", () => {
  let checked = 0;
  for (const messages of Object.values(allRecordedStreams())) {
    for (const message of messages) {
      if (message.progress === undefined) continue;
      const rebuilt = progressMessage({
        id: message.id!,
        action: message.status!,
        current: message.progressDetail?.current ?? 0,
        total: message.progressDetail?.total ?? 0,
      });
      assert.deepEqual(rebuilt, message);
      checked++;
    }
  }
  assert.ok(checked >= 40, `${checked} lines`);
  assert.deepEqual([0, 999, 1000, 33792, 1_064_348, 1_982_256, 2_000_000_000].map(humanSize), [
    "0B",
    "999B",
    "1kB",
    "33.79kB",
    "1.064MB",
    "1.982MB",
    "2GB",
  ]);
});

function meter(totalBytes: number) {
  const clock = new VirtualClock();
  const lines: JsonMessage[] = [];
  const progress = new ProgressMeter({
    id: "x",
    action: "Pushing",
    totalBytes,
    clock,
    emit: (line) => lines.push(line),
  });
  return { clock, progress, counts: () => lines.map((line) => line.progressDetail?.current) };
}

test("the meter writes as dockerd's progress reader: rate-limited, and the empty last read", () => {
  const small = meter(8);
  for (const read of [512, 1024, 1032, 1536, 2560]) small.progress.read(read);
  small.progress.read(2560, { end: true });
  assert.deepEqual(small.counts(), [512, 2560]);

  const large = meter(1_000_000);
  for (let read = 32_768; read < 1_000_000; read += 32_768) {
    large.progress.read(read);
    large.clock.advanceBy(40_000);
  }
  large.progress.read(1_000_000);
  large.progress.read(1_000_000, { end: true });
  const counts = large.counts();
  // One line per 100 ms at most (every third read here), the complete count, then the last read.
  assert.deepEqual(counts.slice(0, 3), [32_768, 131_072, 229_376]);
  assert.deepEqual(counts.slice(-2), [1_000_000, 1_000_000]);

  const download = meter(98);
  download.progress.read(98);
  download.progress.complete(98);
  assert.deepEqual(download.counts(), [98]);
});

test("tar write sizes add up to the tar and split headers, data and padding", () => {
  const layer = offlineLayer([
    tarEntry({ path: "d", type: "directory" }),
    tarEntry({ path: "d/f", type: "file", data: new Uint8Array(70_000) }),
  ]);
  const writes = tarWriteSizes(layer.tar);
  assert.equal(
    writes.reduce((sum, size) => sum + size, 0),
    layer.tar.length,
  );
  assert.deepEqual(writes.slice(0, 5), [512, 512, 32_768, 32_768, 4464]);
  assert.deepEqual(tarWriteSizes(new Uint8Array(700)), [700]);
  assert.deepEqual(tarWriteSizes(new Uint8Array(0)), []);
  const broken = layer.tar.slice(0, 2000);
  assert.equal(
    tarWriteSizes(broken).reduce((sum, size) => sum + size, 0),
    2000,
  );
});

test("the transfer limiter runs three at once and says who waits; cancel rejects the queue", async () => {
  const limiter = new TransferLimiter({ concurrencyMax: 3 });
  let running = 0;
  let most = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<void>((resolve) => {
      running++;
      most = Math.max(most, running);
      releases.push(() => {
        running--;
        resolve();
      });
    });
  const scheduled = Array.from({ length: 5 }, () => limiter.schedule(work));
  assert.deepEqual(
    scheduled.map((item) => item.waiting),
    [false, false, false, true, true],
  );
  releases.shift()!();
  await scheduled[0]!.result;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(running, 3);
  const reason = new Error("stop");
  limiter.cancel(reason);
  await assert.rejects(scheduled[4]!.result, reason);
  for (const release of releases.splice(0)) release();
  await Promise.all(scheduled.slice(0, 4).map((item) => item.result));
  assert.equal(most, 3);
  await assert.rejects(limiter.schedule(work).result, reason);
});
