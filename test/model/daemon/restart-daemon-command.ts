import assert from "node:assert/strict";
import type fc from "fast-check";
import { EventLoop } from "../../../src/clock/event-loop.ts";
import { VirtualClock } from "../../../src/clock/virtual-clock.ts";
import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import { readDaemonState, restoreDaemon } from "../../../src/daemon/restore-daemon.ts";
import { saveDaemon } from "../../../src/daemon/save-daemon.ts";
import { SeededRng } from "../../../src/random/rng.ts";
import { type DaemonModel, isActive } from "./daemon-model.ts";
import { act, assertMatchesModel, type RealDaemon } from "./real-daemon.ts";

/**
 * Restarts dockerd: shut down (running containers are stopped), save, restore on a new event
 * loop, boot. Nothing else may change, and IDs drawn afterwards must be new.
 */
export class RestartDaemonCommand implements fc.AsyncCommand<DaemonModel, RealDaemon> {
  check(): boolean {
    return true;
  }

  async run(model: DaemonModel, real: RealDaemon): Promise<void> {
    const before = await act(real, (daemon) => daemon.containerList({ all: true }));
    await act(real, (daemon) => daemon.shutdown());
    const saved = await saveDaemon(real.daemon);
    const clock = new VirtualClock({ startUs: readDaemonState(saved).clockUs });
    const loop = new EventLoop({ clock });
    real.daemon = await restoreDaemon(
      {
        scheduler: loop,
        rng: SeededRng.fromSeed(real.seed),
        runtime: new BuiltinRuntime({ scheduler: loop }),
      },
      saved,
    );
    real.loop = loop;
    real.daemon.boot();
    for (const container of model.containers.values())
      if (isActive(container.status)) container.status = "exited";
    await assertMatchesModel(model, real);
    const after = await act(real, (daemon) => daemon.containerList({ all: true }));
    assert.deepEqual(after.map((row) => row.Id).sort(), before.map((row) => row.Id).sort());
  }

  toString(): string {
    return "restart dockerd";
  }
}
