import { openEngineHost } from "../daemon/engine-host.ts";
import type { RegistryResolver } from "../registry/client/registry-resolver.ts";
import { EngineApiHandler } from "../server/engine-api-handler.ts";
import { openServedEngine, type ServedEngine } from "../server/served-engine.ts";
import type { EngineApiAddress } from "./engine-api-address.ts";
import { type CheckpointOptions, EngineApiCheckpoint } from "./engine-api-checkpoint.ts";
import { type EngineApiListener, listenEngineApi } from "./engine-api-listener.ts";
import { EngineApiPacer } from "./engine-api-pacer.ts";
import { openEmbeddedEngine } from "./open-embedded-engine.ts";

/** How `drydock daemon` runs. */
export interface EngineApiDaemonOptions {
  readonly address: EngineApiAddress;
  /** Where the world is kept (as the embedded CLI keeps it); undefined: memory only. */
  readonly dataRoot?: string;
  /** The seed of a new world (a saved world keeps its own). */
  readonly seed?: number;
  /** Virtual time follows wall time (default); false: events fire as fast as they can. */
  readonly paced?: boolean;
  /** Registries reached over real HTTP (`DRYDOCK_REGISTRIES`), asked before the world's own. */
  readonly remoteRegistries?: RegistryResolver;
  /** Saving the world at rest while the daemon runs (default on with a data root); false: off. */
  readonly checkpoint?: CheckpointOptions | false;
  /** Where the daemon reports errors it cannot answer with (a broken connection, a bug). */
  readonly onError?: (error: unknown) => void;
}

/** A running daemon: its address, and how to stop it (which saves the world). */
export interface EngineApiDaemon {
  readonly url: string;
  readonly served: ServedEngine;
  readonly pacer: EngineApiPacer;
  /** Stops listening, stops the loop, and saves the world to the data root. */
  close(): Promise<void>;
}

/**
 * Starts a daemon speaking the Docker Engine API over one simulated world, held open for the
 * daemon's life: the real `docker` CLI (DOCKER_HOST=unix://…) drives it as it drives dockerd.
 */
export async function startEngineApiDaemon(
  options: EngineApiDaemonOptions,
): Promise<EngineApiDaemon> {
  const { dataRoot } = options;
  const open = () =>
    openServedEngine({
      open: (hostOptions) =>
        dataRoot === undefined
          ? openEngineHost(hostOptions)
          : openEmbeddedEngine({ ...hostOptions, dataRoot }),
      hostOptions: {
        seed: options.seed,
        ...(options.remoteRegistries === undefined
          ? {}
          : { remoteRegistries: options.remoteRegistries }),
      },
    });
  let served = await open();
  const pacer = new EngineApiPacer({
    loop: served.loop,
    engine: served.host.engine,
    paced: options.paced ?? true,
  });
  pacer.start();
  let listener: EngineApiListener;
  try {
    const version = await pacer.call((engine) => engine.version());
    const handler = new EngineApiHandler({
      caller: pacer,
      identity: {
        apiVersion: version.ApiVersion,
        minApiVersion: version.MinAPIVersion,
        server: `Docker/${version.Version} (${version.Os})`,
        experimental: false,
        osType: version.Os,
      },
    });
    listener = await listenEngineApi({
      handler,
      address: options.address,
      onError: options.onError,
    });
  } catch (error) {
    await pacer.stop();
    await served.host.close();
    throw error;
  }
  const checkpoint =
    dataRoot === undefined || options.checkpoint === false
      ? undefined
      : new EngineApiCheckpoint({
          pacer,
          activeCount: () => listener.activeCount,
          current: () => served,
          reopen: open,
          onSaved: (reopened) => {
            served = reopened;
          },
          onError: options.onError ?? (() => undefined),
          timing: options.checkpoint,
        });
  let closing: Promise<void> | undefined;
  return {
    url: listener.url,
    get served() {
      return served;
    },
    pacer,
    close: () => {
      closing ??= (async () => {
        await checkpoint?.stop();
        await listener.close();
        await stopContainers(pacer);
        await pacer.stop();
        const { loop } = served;
        // What is still scheduled (a last exit's clean-up) runs unpaced.
        if (loop.hasPendingEvents) {
          await loop.runUntilIdle({ untilUs: loop.clock.nowUs() + SHUTDOWN_DRAIN_US });
        }
        await served.host.close();
      })();
      return closing;
    },
  };
}

/** How long stopped containers may take to exit, in simulated time, at shutdown. */
const SHUTDOWN_DRAIN_US = 60_000_000;

/**
 * Stops running containers as dockerd does at shutdown (SIGTERM, then SIGKILL after their stop
 * timeout, in paced time as dockerd takes real time), so the world is at rest and is saved as a
 * state rather than a journal: a paced world's clock moved with the wall clock, which a journal
 * replay could not reproduce.
 */
async function stopContainers(pacer: EngineApiPacer): Promise<void> {
  try {
    await pacer.call(async (engine) => {
      const running = await engine.containerList({ filters: { status: ["running"] } });
      await Promise.allSettled(running.map((container) => engine.containerStop(container.Id)));
    });
  } catch {
    // A container that cannot be stopped leaves the world busy: it is saved as a journal.
  }
}
