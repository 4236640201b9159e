import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { DockerCli } from "../../../src/real/docker-cli.ts";
import { resetDockerd } from "../../../src/real/reset-dockerd.ts";

/** A daemon's state as the fake CLI sees it: image ID → references (`repo:tag`, `repo@digest`). */
interface FakeState {
  images: Map<string, string[]>;
  containers: string[];
  volumes: string[];
  networks: string[];
}

/** Answers the few commands resetDockerd runs, over `state`; records every call. */
function fakeDocker(state: FakeState, calls: string[]): DockerCli {
  const out = (text: string) => ({ stdout: Buffer.from(text), stderr: "", exitCode: 0 });
  return async (args) => {
    calls.push(args.join(" "));
    const [command, ...rest] = args;
    const lines = (items: readonly string[]) => out(items.map((item) => `${item}\n`).join(""));
    if (command === "ps") return lines(state.containers);
    if (command === "rm") state.containers = [];
    if (command === "volume" && rest[0] === "ls") return lines(state.volumes);
    if (command === "volume" && rest[0] === "rm") state.volumes = [];
    if (command === "network" && rest[0] === "ls") return lines(state.networks);
    if (command === "network" && rest[0] === "rm")
      state.networks = state.networks.filter((n) => !rest.includes(n));
    if (command === "image" && rest[0] === "inspect") {
      const ref = rest.at(-1) ?? "";
      const id = [...state.images].find(([, refs]) => refs.includes(ref))?.[0];
      if (id === undefined) throw new Error(`No such image: ${ref}`);
      return lines([id]);
    }
    if (command === "images" && rest.includes("--digests")) {
      const rows = [...state.images].flatMap(([id, refs]) =>
        refs.map((ref) => {
          const at = ref.indexOf("@");
          if (at >= 0) return `${id}\t${ref.slice(0, at)}\t<none>\t${ref.slice(at + 1)}`;
          const colon = ref.lastIndexOf(":");
          return `${id}\t${ref.slice(0, colon)}\t${ref.slice(colon + 1)}\t<none>`;
        }),
      );
      return lines(rows);
    }
    if (command === "images") return lines([...state.images.keys()]);
    if (command === "rmi") {
      for (const target of rest.filter((arg) => arg !== "-f")) {
        if (state.images.delete(target)) continue;
        for (const refs of state.images.values())
          if (refs.includes(target)) refs.splice(refs.indexOf(target), 1);
      }
    }
    return out("");
  };
}

function state(images: Record<string, string[]>): FakeState {
  return {
    images: new Map(Object.entries(images)),
    containers: ["c1", "c2"],
    volumes: ["v1"],
    networks: ["bridge", "host", "none", "mine"],
  };
}

describe("resetDockerd", () => {
  it("keeps the base image under its tag only and removes everything else", async () => {
    const daemon = state({
      "sha256:base": ["busybox:latest", "mine:1", "busybox@sha256:d1"],
      "sha256:app": ["registry.local:5000/app:1"],
      "sha256:parent": [],
    });
    const calls: string[] = [];
    const missing = await resetDockerd(fakeDocker(daemon, calls), {
      keep: { "busybox:latest": "sha256:base" },
    });
    assert.deepEqual(missing, []);
    assert.deepEqual([...daemon.images], [["sha256:base", ["busybox:latest"]]]);
    assert.deepEqual(daemon.containers, []);
    assert.deepEqual(daemon.volumes, []);
    assert.deepEqual(daemon.networks, ["bridge", "host", "none"]);
    assert.ok(calls.includes("rm -f -v c1 c2"));
  });

  it("reports a kept tag that now names another image, and removes that image", async () => {
    const daemon = state({ "sha256:other": ["busybox:latest"] });
    const missing = await resetDockerd(fakeDocker(daemon, []), {
      keep: { "busybox:latest": "sha256:base" },
    });
    assert.deepEqual(missing, ["busybox:latest"]);
    assert.deepEqual([...daemon.images], []);
  });

  it("fails when an image cannot be removed", async () => {
    const daemon = state({ "sha256:stuck": ["x:1"] });
    const docker = fakeDocker(daemon, []);
    const stubborn: DockerCli = (args, options) =>
      args[0] === "rmi" ? Promise.reject(new Error("conflict")) : docker(args, options);
    await assert.rejects(
      resetDockerd(stubborn, { keep: {} }),
      /images left after reset: sha256:stuck/,
    );
  });
});
