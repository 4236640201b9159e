import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, describe, it } from "node:test";
import { initLayerEntries } from "../../../src/runtime/container-rootfs.ts";
import { hostnameFile, hostsFile, resolvConfFile } from "../../../src/runtime/network-files.ts";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { createWorkdir } from "../../../src/runtime/workdir.ts";
import { World } from "./runtime-harness.ts";

interface Recorded {
  readonly exportEntries: { path: string; type: string; mode: string }[];
  readonly diffAfterRun: string;
  readonly inside: Record<"none" | "host" | "default", string>;
}

const fixture = JSON.parse(
  readFileSync(new URL("../../fixtures/runtime/init-layer.json", import.meta.url), "utf8"),
) as Recorded;

/** The `ls -la` lines of a listing without the link count, size and time columns. */
function shape(listing: string): string[] {
  return listing
    .split("\n")
    .filter((line) => /^[-dlcbp][-rwxsStT]{9} /.test(line))
    .map((line) => {
      const fields = line.split(/ +/);
      const device = fields[0]!.startsWith("c") ? ` ${fields[4]}${fields[5]}` : "";
      const name = fields.slice(device === "" ? 8 : 9).join(" ");
      return `${fields[0]}${device} ${name}`;
    });
}

describe("container root filesystem", () => {
  before(() => prepareUserland());

  it("has Docker's init layer: the same entries as docker export shows", () => {
    const recorded = fixture.exportEntries
      .filter((entry) => entry.path !== "bin")
      .map(
        (entry) => `${entry.type === "dir" ? "directory" : entry.type} ${entry.path} ${entry.mode}`,
      );
    const ours = initLayerEntries({ nowUs: 0 }).map((entry) => {
      const bits =
        entry.type === "directory" ? 0o40000 : entry.type === "symlink" ? 0o120000 : 0o100000;
      return `${entry.type} ${entry.path} 0o${(entry.mode | bits).toString(8)}`;
    });
    assert.deepEqual(ours, recorded);
  });

  it("keeps the init layer and the mounts out of docker diff", async () => {
    const world = new World();
    assert.equal(fixture.diffAfterRun, "");
    assert.deepEqual(world.rootfs.overlay.changes(), []);
    const { stdout } = await world.sh(
      "cat /etc/hostname; ls -a /; readlink /etc/mtab; head -1 /etc/mtab",
    );
    assert.equal(
      stdout,
      "c0ffee000001\n.\n..\n.dockerenv\nbin\ndev\netc\nproc\nsys\n/proc/mounts\n" +
        "overlay / overlay rw,relatime,lowerdir=l,upperdir=diff,workdir=work 0 0\n",
    );
    assert.deepEqual(world.rootfs.overlay.changes(), []);
  });

  it("lists /, /etc and /dev as a real container does (modes, names, links, devices)", async () => {
    const recorded = fixture.inside.none.split("===\n")[3]!;
    const { stdout } = await new World().sh("ls -la / /etc /dev");
    assert.deepEqual(shape(stdout), shape(recorded));
  });

  it("writes /etc/hostname, /etc/hosts and /etc/resolv.conf as dockerd does", () => {
    const [hostname, hosts, resolv] = fixture.inside.none.split("===\n");
    assert.equal(hostnameFile("probe-host"), hostname);
    assert.equal(hostsFile({ mode: "none", hostname: "probe-host" }), hosts);
    assert.equal(
      resolvConfFile({ mode: "none", hostResolvConf: "nameserver 10.255.255.53\n" }),
      resolv,
    );
    const [, hostHosts] = fixture.inside.host.split("===\n");
    assert.equal(hostsFile({ mode: "host", hostname: "vm", hostHosts }), hostHosts);
  });

  it("adds the container's address on a bridge, and the embedded DNS on user networks", () => {
    assert.match(
      hostsFile({ mode: "bridge", hostname: "abc", ip: "172.17.0.2" }),
      /\n172\.17\.0\.2\tabc\n$/,
    );
    assert.equal(
      resolvConfFile({ mode: "bridge", hostResolvConf: "nameserver 127.0.0.53\nsearch lan\n" }),
      "search lan\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n",
    );
    assert.equal(
      resolvConfFile({ mode: "user", hostResolvConf: "nameserver 10.0.0.1\n" }),
      "nameserver 127.0.0.11\noptions ndots:0\n",
    );
  });

  it("creates a missing working directory in the container layer", () => {
    const world = new World();
    createWorkdir(world.rootfs.overlay, "/app/src", { nowUs: world.startUs });
    assert.deepEqual(world.rootfs.overlay.changes(), [
      { kind: "A", path: "/app" },
      { kind: "A", path: "/app/src" },
    ]);
  });
});
