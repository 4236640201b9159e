import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { isDrydockError, isLimitExceeded } from "../../../../src/errors/drydock-error.ts";
import { SimBackend } from "../../../../src/scenario/backend/sim-backend.ts";
import { exportFiles } from "../../../../src/scenario/diff/export-files.ts";
import { IMAGE_COUNT_MAX, inspectWorld } from "../../../../src/scenario/diff/inspect-world.ts";
import type { DockerCall, ObservedHost } from "../../../../src/scenario/diff/observed-run.ts";
import { parseScenario } from "../../../../src/scenario/read-scenario.ts";
import { memoryScenarioSource } from "../../../../src/scenario/scenario-source.ts";

const SCENARIO = `name: inspect
hosts: { dev: { images: [busybox] } }
files:
  app/Dockerfile: "FROM busybox\\nCOPY run.sh /run.sh\\nENTRYPOINT []\\nCMD []\\n"
  app/run.sh: { content: "echo hi\\n", mode: 0o755 }
steps:
  - run: docker build -q -t app:1 app
  - run: docker create --name left busybox sh -c 'echo x > /made.txt'
  - run: docker run --name ran busybox sh -c 'echo x > /made.txt'
`;

test("inspectWorld on drydock's client: images with inspect, history and files; leftover containers", async () => {
  const scenario = parseScenario({
    file: "i.yaml",
    text: SCENARIO,
    source: memoryScenarioSource({}),
  });
  let again: ObservedHost[] = [];
  const run = await new SimBackend().run(scenario, {
    inspect: async (docker, hosts) => {
      const first = await inspectWorld(docker, hosts);
      again = await inspectWorld(docker, hosts);
      return first;
    },
  });
  const [dev] = run.inspected ?? [];
  assert.ok(dev !== undefined);
  assert.deepEqual(
    dev?.images.map((image) => image.ref),
    ["app:1", "busybox:latest"],
  );
  const app = dev?.images[0];
  // As dockerd 20.10 has it for `ENTRYPOINT []` + `CMD []`; `docker create` of it alone would
  // fail with "No command specified", so inspectWorld gives a command.
  const config = (app!.inspect as { Config: { Cmd: unknown; Entrypoint: unknown } }).Config;
  assert.deepEqual([config.Cmd, config.Entrypoint], [[], null]);
  assert.match(JSON.stringify(app?.history[0]), /CMD \[\]/);
  assert.equal(app?.history.length, 6);
  assert.ok(app?.files.includes("run.sh\tfile 0755 0:0 8 ab08508fdf5c"), app?.files.join("\n"));
  assert.ok(app?.files.includes("bin/busybox\tfile 0755 0:0"));
  assert.ok(app?.files.some((line) => /^bin\/\*\t-> \/bin\/busybox symlinks ×\d+$/.test(line)));
  assert.ok(app?.files.includes(".dockerenv\tpresent"));
  assert.deepEqual(
    dev?.containers.map((container) => container.name),
    ["left", "ran"],
  );
  const [left, ran] = dev?.containers ?? [];
  assert.equal((left!.inspect as { State: { Status: string } }).State.Status, "created");
  assert.equal(
    left?.files.some((line) => line.startsWith("made.txt")),
    false,
  );
  assert.ok(ran?.files.includes("made.txt\tfile 0644 0:0 2 73cb3858a687"));
  // The temporary containers it made to export images are gone again.
  assert.deepEqual(again, run.inspected);
});

test("a real export's files: busybox and dockerd's entries as documented", () => {
  const tar = gunzipSync(
    readFileSync(
      new URL("../../../fixtures/scenario-diff/export-stripped.tar.gz", import.meta.url),
    ),
  );
  const files = exportFiles(new Uint8Array(tar));
  assert.deepEqual(files, [
    ".dockerenv\tpresent",
    "app\tdirectory 0755 0:0",
    "app/greeting.txt\tfile 0644 0:0 14 0c9d77f78637",
    "app/words.txt\tfile 0644 0:0 2 1121cfccd591",
    "bin\tdirectory 0755 0:0",
    "bin/*\t-> /bin/busybox symlinks ×268",
    "bin/busybox\tfile 0755 0:0",
    "dev\tpresent",
    "dev/console\tpresent",
    "dev/pts\tpresent",
    "dev/shm\tpresent",
    "etc\tdirectory 0755 0:0",
    "etc/hostname\tpresent",
    "etc/hosts\tpresent",
    "etc/mtab\tpresent",
    "etc/resolv.conf\tpresent",
    "proc\tpresent",
    "sys\tpresent",
  ]);
});

function fakeDocker(
  outputs: Record<string, { exitCode?: number; stdout?: string; stderr?: string }>,
): DockerCall {
  return async (_host, argv) => {
    const out = outputs[argv[0] ?? ""] ?? {};
    return {
      exitCode: out.exitCode ?? 0,
      stdout: new TextEncoder().encode(out.stdout ?? ""),
      stderr: out.stderr ?? "",
    };
  };
}

test("a failing command or too many images fail with a clear error", async () => {
  const failing = fakeDocker({
    ps: { exitCode: 1, stderr: "Cannot connect to the Docker daemon" },
  });
  await assert.rejects(inspectWorld(failing, ["dev"]), (error) => {
    assert.ok(isDrydockError(error));
    assert.match(error.message, /host dev: docker ps -a .* failed \(exit 1\): Cannot connect/);
    return true;
  });
  const refs = Array.from({ length: IMAGE_COUNT_MAX + 1 }, (_, i) => `img${i}:1`).join("\n");
  await assert.rejects(
    inspectWorld(fakeDocker({ image: { stdout: refs } }), ["dev"]),
    isLimitExceeded,
  );
  const garbled = fakeDocker({ image: { stdout: "a:1\n" }, history: { stdout: "{" } });
  await assert.rejects(inspectWorld(garbled, ["dev"]), /docker printed no JSON/);
});
