import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import {
  collectText,
  createSimDaemon,
  expectDockerError,
  runContainer,
  type TestDaemon,
} from "./daemon-fixture.ts";

/*
 * Legacy links (`--link`), against what dockerd 20.10.24 did on a bridge of its own:
 * test/fixtures/daemon/container-links.json. Addresses there are 172.30/16; drydock's default
 * bridge is 172.17/16, so lines are compared with the address and IDs put in.
 */
const FIXTURE = JSON.parse(
  readFileSync(new URL("../../fixtures/daemon/container-links.json", import.meta.url), "utf8"),
) as {
  environ: { lines: string[]; web: string[] };
  errors: { case: string; status?: number; message?: string }[];
  remove: Record<string, { status: number; message: string }>;
};

function recorded(prefix: string): { status: number; message: string } {
  const found = FIXTURE.errors.find((entry) => entry.case.startsWith(prefix));
  assert.ok(found?.status !== undefined && found.message !== undefined, prefix);
  return { status: found.status, message: found.message };
}

/** The fixture's `web` and `web2`, running on the default bridge. */
async function world(): Promise<TestDaemon> {
  const t = await createSimDaemon();
  await runContainer(t, {
    cmd: ["sleep", "300"],
    name: "web",
    Env: ["FOO=bar", "PATH2=x"],
    ExposedPorts: { "80/tcp": {}, "443/udp": {}, "22/tcp": {} },
  });
  await runContainer(t, {
    cmd: ["sleep", "300"],
    name: "web2",
    Env: ["HOME=/x", "Z=1", "A=2"],
    ExposedPorts: { "8000/tcp": {}, "8001/tcp": {}, "8002/tcp": {}, "53/udp": {} },
  });
  return t;
}

async function output(t: TestDaemon, id: string): Promise<string> {
  await t.run(() => t.daemon.containerWait(id));
  return t.run(() => collectText(t.daemon.containerLogs(id, { stdout: true, stderr: true })));
}

async function inspect(t: TestDaemon, name: string) {
  return (await t.run(() => t.daemon.containerInspect(name))) as unknown as {
    Id: string;
    State: { Status: string; ExitCode: number; Error: string };
    HostConfig: { Links: string[] | null };
    NetworkSettings: { IPAddress: string; Networks: Record<string, { Links: string[] | null }> };
  };
}

describe("container links (--link)", () => {
  before(() => prepareUserland());

  it("adds the linked container's /etc/hosts line before the container's own", async () => {
    const t = await world();
    const web = await inspect(t, "web");
    const web2 = await inspect(t, "web2");
    const id = await runContainer(t, {
      cmd: ["cat", "/etc/hosts"],
      name: "cli",
      hostConfig: { Links: ["web2:my-db.x", "web:db", "web2"] },
    });
    const self = await inspect(t, id);
    const lines = (await output(t, id)).trimEnd().split("\n").slice(6);
    assert.deepEqual(lines, [
      `${web2.NetworkSettings.IPAddress}\tmy-db.x ${web2.Id.slice(0, 12)} web2`,
      `${web.NetworkSettings.IPAddress}\tdb ${web.Id.slice(0, 12)} web`,
      `${web2.NetworkSettings.IPAddress}\tweb2 ${web2.Id.slice(0, 12)}`,
      `${self.NetworkSettings.IPAddress}\t${id.slice(0, 12)}`,
    ]);
  });

  it("gives the processes dockerd's link variables, in its order", async () => {
    const t = await world();
    const ip = (await inspect(t, "web2")).NetworkSettings.IPAddress;
    const id = await runContainer(t, {
      cmd: ["env"],
      name: "l4",
      Env: ["FOO=mine"],
      hostConfig: { Links: ["/web2:/DB"] },
    });
    const expected = FIXTURE.environ.lines
      .map((line) => line.replaceAll("172.30.0.4", ip))
      .map((line) => (line.startsWith("HOSTNAME=") ? `HOSTNAME=${id.slice(0, 12)}` : line));
    const env = (await output(t, id)).trimEnd().split("\n");
    // The runtime's shell adds PWD at the end; the rest is the process's environment.
    assert.deepEqual(
      env.filter((line) => !line.startsWith("PWD=")),
      expected,
    );

    const web = await inspect(t, "web");
    const cli = await runContainer(t, { cmd: ["env"], hostConfig: { Links: ["web:db"] } });
    const name = (await t.run(() => t.daemon.containerInspect(cli))).Name as string;
    const dbLines = (await output(t, cli)).split("\n").filter((line) => line.startsWith("DB_"));
    assert.deepEqual(
      dbLines,
      FIXTURE.environ.web.map((line) =>
        line.replaceAll("172.30.0.2", web.NetworkSettings.IPAddress).replace("/{parent}", name),
      ),
    );
  });

  it("shows HostConfig.Links as dockerd stores them", async () => {
    const t = await world();
    const links = async (name: string, requested: string[], network?: string) => {
      await runContainer(t, {
        cmd: ["sleep", "300"],
        name,
        hostConfig: {
          Links: requested,
          ...(network === undefined ? {} : { NetworkMode: network }),
        },
      });
      return (await inspect(t, name)).HostConfig.Links;
    };
    assert.deepEqual(await links("cli2", ["web"]), ["/web:/cli2/web"]);
    assert.deepEqual(await links("cli3", ["web:db"]), ["/web:/cli3/db"]);
    assert.deepEqual(await links("l4", ["/web2:/DB"]), ["/web2:/l4/DB"]);
    assert.equal(await links("empty", ["web:"]), null);
    assert.deepEqual(await links("twice", ["web:db", "web2:db"]), ["/web:/twice/db"]);
    assert.deepEqual(await links("none", ["web:db"], "none"), ["/web:/none/db"]);
    assert.equal((await inspect(t, "web")).HostConfig.Links, null);
  });

  it("refuses links dockerd refuses, with its messages and statuses", async () => {
    const t = await world();
    const create =
      (links: string[], network = "default") =>
      () =>
        t.daemon.containerCreate({
          Image: "busybox",
          Cmd: ["true"],
          HostConfig: { Links: links, NetworkMode: network },
        });
    await expectDockerError(t, create(["nosuch"]), recorded("create --link nosuch"));
    await expectDockerError(t, create(["web:a:b"]), recorded('create Links ["web:a:b"]'));
    await expectDockerError(t, create([""]), recorded('create Links [""]'));
    await expectDockerError(t, create(["web:db"], "host"), recorded("create --network host"));
    await expectDockerError(
      t,
      create(["web:db"], "container:web"),
      recorded("create --network container:web"),
    );
  });

  it("fails the start of a container linked to one that is not running", async () => {
    const t = await world();
    await runContainer(t, { cmd: ["true"], name: "stopped", start: false });
    const id = await runContainer(t, {
      cmd: ["true"],
      name: "parent",
      start: false,
      hostConfig: { Links: ["stopped:al"] },
    });
    const { message, status } = recorded("start of it");
    const expected = { message: message.replace("{parent}", "parent"), status };
    await expectDockerError(t, () => t.daemon.containerStart(id), expected);
    const state = (await inspect(t, id)).State;
    assert.deepEqual(
      [state.Status, state.ExitCode, state.Error],
      ["created", 128, expected.message],
    );

    await t.run(() => t.daemon.networkCreate({ Name: "lnet" }));
    await runContainer(t, {
      cmd: ["sleep", "300"],
      name: "tnet",
      hostConfig: { NetworkMode: "lnet" },
    });
    const other = await runContainer(t, {
      cmd: ["true"],
      start: false,
      hostConfig: { Links: ["tnet:t"] },
    });
    await expectDockerError(
      t,
      () => t.daemon.containerStart(other),
      recorded("start, linked container only"),
    );
  });

  it("fails exec and restart once the linked container has stopped or gone", async () => {
    const t = await world();
    await runContainer(t, { cmd: ["sleep", "300"], name: "c1" });
    await runContainer(t, { cmd: ["sleep", "300"], name: "p1", hostConfig: { Links: ["c1:al"] } });
    await t.run(() => t.daemon.containerStop("c1", { timeoutSeconds: 0 }));
    await expectDockerError(
      t,
      () => t.daemon.execCreate("p1", { Cmd: ["true"] }),
      recorded("exec into p1"),
    );
    await t.run(() => t.daemon.containerRemove("c1", { force: true }));
    await runContainer(t, { cmd: ["sleep", "300"], name: "c1" });
    await expectDockerError(t, () => t.daemon.containerRestart("p1", { timeoutSeconds: 0 }), {
      message: "Cannot restart container p1: Cannot link to a non running container: /c1 AS /p1/al",
      status: 500,
    });
  });

  it("removes a link with rm -l, and a linked container with plain rm", async () => {
    const t = await world();
    await runContainer(t, { cmd: ["sleep", "300"], name: "tgt" });
    await runContainer(t, {
      cmd: ["sleep", "300"],
      name: "src",
      hostConfig: { Links: ["tgt:al"] },
    });
    const hosts = async () => {
      const exec = await t.run(() =>
        t.daemon.execCreate("src", { Cmd: ["cat", "/etc/hosts"], AttachStdout: true }),
      );
      const session = await t.run(() => t.daemon.execStart(exec.Id));
      return t.run(() => collectText(session.output));
    };
    assert.match(await hosts(), /\tal [0-9a-f]{12} tgt\n/);
    await expectDockerError(
      t,
      () => t.daemon.containerRemove("src", { link: true }),
      FIXTURE.remove["DELETE /containers/src?link=1"]!,
    );
    await expectDockerError(t, () => t.daemon.containerRemove("src/nope", { link: true }), {
      status: 404,
      message: "No such container: src/nope",
    });
    await t.run(() => t.daemon.containerRemove("src/al", { link: true }));
    assert.equal((await inspect(t, "src")).HostConfig.Links, null);
    assert.doesNotMatch(await hosts(), /tgt/);
    await expectDockerError(
      t,
      () => t.daemon.containerRemove("src/al", { link: true }),
      FIXTURE.remove["DELETE /containers/src/al?link=1 (no such link)"]!,
    );
    await runContainer(t, {
      cmd: ["sleep", "300"],
      name: "src2",
      hostConfig: { Links: ["web:w"] },
    });
    await t.run(() => t.daemon.containerRemove("web", { force: true }));
  });

  it("on a user network, makes the alias a DNS name of the linking container only", async () => {
    const t = await createSimDaemon();
    await t.run(() => t.daemon.networkCreate({ Name: "lnet" }));
    const net = { NetworkMode: "lnet" };
    await runContainer(t, { cmd: ["sleep", "300"], name: "n1", hostConfig: net });
    const n2 = await runContainer(t, {
      cmd: ["sh", "-c", "nslookup alias; nslookup alias.lnet; env; cat /etc/hosts"],
      name: "n2",
      hostConfig: { ...net, Links: ["n1:alias"] },
    });
    const n3 = await runContainer(t, { cmd: ["nslookup", "alias"], hostConfig: net });
    const ip = (await inspect(t, "n1")).NetworkSettings.Networks.lnet as unknown as {
      IPAddress: string;
    };
    const out = await output(t, n2);
    assert.equal(out.split(`Address: ${ip.IPAddress}`).length - 1, 2);
    // (dockerd does not answer `ALIAS`; drydock's resolver lower-cases queries, so it would.)
    assert.doesNotMatch(out, /ALIAS_|^[0-9.]+\talias/m);
    assert.match(await output(t, n3), /can't find alias: NXDOMAIN/);
    const links = await inspect(t, "n2");
    assert.equal(links.HostConfig.Links, null);
    assert.deepEqual(links.NetworkSettings.Networks.lnet!.Links, ["n1:alias"]);
    // No check at all on a user network (recorded: created and started).
    await runContainer(t, { cmd: ["true"], hostConfig: { ...net, Links: ["nosuch:x"] } });
  });
});
