import assert from "node:assert/strict";
import type { EventLoop } from "../../../src/clock/event-loop.ts";
import type { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import type { Daemon } from "../../../src/daemon/daemon.ts";
import type { ErrorCode } from "../../../src/errors/drydock-error.ts";
import { isDrydockError } from "../../../src/errors/drydock-error.ts";
import { createTestDaemon } from "../../unit/daemon/daemon-fixture.ts";
import type { DaemonModel, ModelStatus } from "./daemon-model.ts";

/** The system under test: a daemon on its own event loop, and the real IDs of the model's images. */
export interface RealDaemon {
  /** Replaced when the test restarts the daemon from its saved state. */
  daemon: Daemon;
  loop: EventLoop;
  readonly seed: number;
  readonly imageIds: Map<string, string>;
}

export async function createRealDaemon(seed: number): Promise<RealDaemon> {
  const t = await createTestDaemon({ seed });
  const base = (await t.daemon.imageInspect("busybox")).Id;
  return { daemon: t.daemon, loop: t.loop, seed, imageIds: new Map([["base", base]]) };
}

/** Runs one command against the daemon, a simulated second after the previous one. */
export async function act<T>(real: RealDaemon, work: (daemon: Daemon) => Promise<T>): Promise<T> {
  const clock = real.loop.clock as VirtualClock;
  const untilUs = clock.nowUs() + 1_000_000;
  await real.loop.runUntilIdle({ untilUs });
  if (clock.nowUs() < untilUs) clock.advanceTo(untilUs);
  return real.loop.runUntil(work(real.daemon));
}

/** Expects the command to fail with this error class (and a message matching `pattern`). */
export async function actFails(
  real: RealDaemon,
  work: (daemon: Daemon) => Promise<unknown>,
  code: ErrorCode,
  pattern: RegExp,
): Promise<void> {
  try {
    await act(real, work);
  } catch (error) {
    assert.ok(isDrydockError(error), String(error));
    assert.equal(error.code, code, error.message);
    assert.match(error.message, pattern);
    return;
  }
  assert.fail(`expected a ${code} error matching ${pattern}`);
}

/** The daemon's containers and images must be the model's, after every command. */
export async function assertMatchesModel(model: DaemonModel, real: RealDaemon): Promise<void> {
  const rows = await act(real, (daemon) => daemon.containerList({ all: true }));
  const containers = rows
    .map((row) => [row.Names[0]!.slice(1), row.State] as [string, ModelStatus])
    .sort();
  const expected = [...model.containers.values()]
    .map((container) => [container.name, container.status] as [string, ModelStatus])
    .sort();
  assert.deepEqual(containers, expected);
  const images = (await act(real, (daemon) => daemon.imageList({ all: true })))
    .map((row) => row.Id)
    .sort();
  assert.deepEqual(images, [...model.images.keys()].map((key) => real.imageIds.get(key)!).sort());
  for (const [tag, key] of model.tags) {
    const inspect = await act(real, (daemon) => daemon.imageInspect(tag));
    assert.equal(inspect.Id, real.imageIds.get(key), `tag ${tag}`);
  }
}
