import { BuiltinRuntime } from "../../../src/daemon/builtin-runtime.ts";
import {
  type EngineHost,
  type EngineHostOptions,
  openEngineHost,
} from "../../../src/daemon/engine-host.ts";
import type { StateStore } from "../../../src/daemon/state-store.ts";
import type { Engine } from "../../../src/engine/engine.ts";
import { collectText, testBaseImage } from "./daemon-fixture.ts";

/** An engine host on the built-in runtime with the small test image, saved in `store`. */
export const open = (
  store: StateStore,
  seed = 5,
  journalLimits?: EngineHostOptions["journalLimits"],
): Promise<EngineHost> =>
  openEngineHost({
    seed,
    store,
    runtime: ({ loop }) => new BuiltinRuntime({ scheduler: loop }),
    baseImages: () => [testBaseImage()],
    journalLimits,
  });

/** Stops every running container: the world comes to rest. */
export async function settle(engine: Engine): Promise<void> {
  for (const row of await engine.containerList()) await engine.containerStop(row.Id);
}

/** A container that ran and wrote output and a file, a volume, an unless-stopped sleeper, a tag. */
export async function populate(engine: Engine): Promise<string> {
  const { Id } = await engine.containerCreate(
    { Image: "busybox", Cmd: ["sh", "-c", "echo hello; echo oops >&2; echo data > /f"] },
    { name: "web" },
  );
  const done = engine.containerWait(Id, { condition: "next-exit" });
  await engine.containerStart(Id);
  await done;
  await engine.volumeCreate({ Name: "vol" });
  const sleeper = await engine.containerCreate({
    Image: "busybox",
    Cmd: ["sleep", "100"],
    HostConfig: { RestartPolicy: { Name: "unless-stopped", MaximumRetryCount: 0 } },
  });
  await engine.containerStart(sleeper.Id);
  await engine.imageTag("busybox", { repo: "copy", tag: "1" });
  return Id;
}

/** What `docker ps -a`, `images -a`, `volume ls`, `logs -t web` and `diff web` show. */
export async function observe(engine: Engine) {
  return {
    ps: (await engine.containerList({ all: true })).map((row) => [
      row.Id,
      row.Names,
      row.State,
      row.Status,
    ]),
    images: (await engine.imageList({ all: true })).map((row) => [row.Id, row.RepoTags]),
    volumes: (await engine.volumeList()).Volumes.map((volume) => volume.Name),
    logs: await collectText(
      engine.containerLogs("web", { stdout: true, stderr: true, timestamps: true }),
    ),
    diff: await engine.containerChanges("web"),
  };
}
