import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../src/runtime/userland.ts";
import { collectText, createSimDaemon, runContainer, type TestDaemon } from "./daemon-fixture.ts";

/*
 * The classic Docker networking lesson through the daemon, with busybox's network applets in
 * the simulated containers. Output shapes recorded on dockerd 20.10 with busybox 1.35 (a private
 * dockerd with a bridge, `--iptables=false`):
 *   docker network create net1
 *   docker run -d --name web --network net1 busybox sleep 3000
 *   docker run --rm --network net1 busybox sh -c 'nslookup web; ping -c 2 web; ip a'
 * The addresses are drydock's (172.17/16 default bridge, 172.18/16 the first user network);
 * times follow ping's documented model.
 */

interface NetworkInspect {
  readonly IPAddress: string;
  readonly IPPrefixLen: number;
  readonly MacAddress: string;
  readonly Gateway: string;
}

/** Runs `sh -c script` in a new container and returns its merged output once it exits. */
async function shell(t: TestDaemon, script: string, networkMode?: string): Promise<string> {
  const id = await runContainer(t, {
    cmd: ["sh", "-c", script],
    hostConfig: networkMode === undefined ? undefined : { NetworkMode: networkMode },
  });
  await t.run(() => t.daemon.containerWait(id));
  return t.run(() => collectText(t.daemon.containerLogs(id, { stdout: true, stderr: true })));
}

async function lesson(): Promise<TestDaemon> {
  const t = await createSimDaemon();
  await t.run(() => t.daemon.networkCreate({ Name: "net1" }));
  await runContainer(t, {
    cmd: ["sleep", "300"],
    name: "web",
    hostConfig: { NetworkMode: "net1" },
  });
  await runContainer(t, { cmd: ["sleep", "300"], name: "db" });
  return t;
}

describe("the networking lesson", () => {
  before(() => prepareUserland());

  it("ip addr and ip route agree with docker inspect of the same container", async () => {
    const t = await lesson();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "ip addr; ip route; hostname -i; sleep 100"],
      hostConfig: { NetworkMode: "net1" },
    });
    await t.advance(1);
    const inspect = await t.run(() => t.daemon.containerInspect(id));
    const settings = (inspect.NetworkSettings as { Networks: Record<string, NetworkInspect> })
      .Networks.net1!;
    const out = await t.run(() => collectText(t.daemon.containerLogs(id, { stdout: true })));
    const { IPAddress: ip, IPPrefixLen: prefix, MacAddress: mac, Gateway: gateway } = settings;
    assert.equal(ip, "172.18.0.3");
    assert.match(
      out,
      new RegExp(
        `^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n` +
          `    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n` +
          `    inet 127.0.0.1/8 scope host lo\n` +
          `       valid_lft forever preferred_lft forever\n` +
          `\\d+: eth0@if\\d+: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n` +
          `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff\n` +
          `    inet ${ip}/${prefix} brd 172.18.255.255 scope global eth0\n` +
          `       valid_lft forever preferred_lft forever\n` +
          `default via ${gateway} dev eth0 \n` +
          `172.18.0.0/16 dev eth0 scope link  src ${ip} \n` +
          `${ip}\n$`,
      ),
    );
  });

  it("writes --add-host entries after the standard lines and before the container's own", async () => {
    // dockerd 20.10 on a user network: `--add-host foo:1.2.3.4 --add-host bar.example:10.0.0.1
    // --add-host foo:5.6.7.8` gave these three lines, in order, then `172.19.0.2\t<short ID>`.
    const t = await lesson();
    const id = await runContainer(t, {
      cmd: ["sh", "-c", "tail -5 /etc/hosts"],
      hostConfig: {
        NetworkMode: "net1",
        ExtraHosts: ["foo:1.2.3.4", "bar.example:10.0.0.1", "foo:5.6.7.8", "hg:host-gateway"],
      },
    });
    await t.run(() => t.daemon.containerWait(id));
    const out = await t.run(() => collectText(t.daemon.containerLogs(id, { stdout: true })));
    assert.deepEqual(out.split("\n").slice(0, 4), [
      "1.2.3.4\tfoo",
      "10.0.0.1\tbar.example",
      "5.6.7.8\tfoo",
      "172.17.0.1\thg",
    ]);
    assert.match(out.split("\n")[4] ?? "", /^172\.18\.0\.\d+\t[0-9a-f]{12}$/);
  });

  it("resolves network aliases (and alias.network), in any case, on their network only", async () => {
    // dockerd 20.10: `--network-alias web --network-alias Db` answers `web`, `db`, `DB.net`.
    const t = await lesson();
    await runContainer(t, {
      cmd: ["sleep", "300"],
      name: "api",
      hostConfig: { NetworkMode: "net1" },
      NetworkingConfig: { EndpointsConfig: { net1: { Aliases: ["web2", "Db2"] } } },
    });
    const answer = async (name: string, network: string) =>
      /Name:\t\S+\nAddress: (\S+)/.exec(await shell(t, `nslookup -type=a ${name}`, network))?.[1];
    assert.equal(await answer("web2", "net1"), "172.18.0.3");
    assert.equal(await answer("DB2.net1", "net1"), "172.18.0.3");
    assert.equal(await answer("db2", "bridge"), undefined);
  });

  it("resolves and pings containers by name on a user-defined network", async () => {
    const t = await lesson();
    const out = await shell(t, "nslookup web; ping -c 2 web; ping -c 1 172.18.0.1", "net1");
    assert.equal(
      out,
      "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n" +
        "Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n" +
        "Non-authoritative answer:\n\n" +
        "PING web (172.18.0.2): 56 data bytes\n" +
        "64 bytes from 172.18.0.2: seq=0 ttl=64 time=1.000 ms\n" +
        "64 bytes from 172.18.0.2: seq=1 ttl=64 time=0.100 ms\n\n" +
        "--- web ping statistics ---\n" +
        "2 packets transmitted, 2 packets received, 0% packet loss\n" +
        "round-trip min/avg/max = 0.100/0.550/1.000 ms\n" +
        "PING 172.18.0.1 (172.18.0.1): 56 data bytes\n" +
        "64 bytes from 172.18.0.1: seq=0 ttl=64 time=0.980 ms\n\n" +
        "--- 172.18.0.1 ping statistics ---\n" +
        "1 packets transmitted, 1 packets received, 0% packet loss\n" +
        "round-trip min/avg/max = 0.980/0.980/0.980 ms\n",
    );
  });

  it("on the default bridge names do not resolve but addresses answer; networks are isolated", async () => {
    const t = await lesson();
    const bridge = await shell(t, "ping -c 1 db; ping -q -c 1 172.17.0.2; wget http://web/");
    assert.equal(
      bridge,
      "ping: bad address 'db'\n" +
        "PING 172.17.0.2 (172.17.0.2): 56 data bytes\n\n" +
        "--- 172.17.0.2 ping statistics ---\n" +
        "1 packets transmitted, 1 packets received, 0% packet loss\n" +
        "round-trip min/avg/max = 1.000/1.000/1.000 ms\n" +
        "wget: bad address 'web'\n",
    );
    // From net1, the default bridge's container is dropped (dockerd's isolation rules): ping
    // waits -W seconds for a reply that never comes.
    const isolated = await shell(t, "ping -c 1 -W 2 172.17.0.2; echo rc=$?", "net1");
    assert.equal(
      isolated,
      "PING 172.17.0.2 (172.17.0.2): 56 data bytes\n\n" +
        "--- 172.17.0.2 ping statistics ---\n" +
        "1 packets transmitted, 0 packets received, 100% packet loss\nrc=1\n",
    );
  });

  it("--network none has only lo and no route anywhere", async () => {
    const t = await lesson();
    const out = await shell(t, "ip a; ip r; ping -c 1 172.17.0.2; hostname -i; echo rc=$?", "none");
    assert.match(
      out,
      /^1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n.*\n.*\n.*\nPING 172\.17\.0\.2 \(172\.17\.0\.2\): 56 data bytes\nping: sendto: Network is unreachable\nhostname: [0-9a-f]{12}: Host name lookup failure\nrc=1\n$/,
    );
  });

  it("--network host shows the host's uplink and bridges, and reaches every container", async () => {
    const t = await lesson();
    const out = await shell(t, "ip r; ping -q -c 1 172.18.0.2 | tail -2", "host");
    assert.match(
      out,
      /^default via 10\.0\.0\.1 dev eth0 \n10\.0\.0\.0\/24 dev eth0 scope link {2}src 10\.0\.0\.2 \n172\.17\.0\.0\/16 dev docker0 scope link {2}src 172\.17\.0\.1 \n172\.18\.0\.0\/16 dev br-[0-9a-f]{12} scope link {2}src 172\.18\.0\.1 \n/,
    );
    assert.match(out, /1 packets transmitted, 1 packets received, 0% packet loss\n/);
  });

  it("docker exec shares the container's namespace (same interfaces)", async () => {
    const t = await lesson();
    const exec = await t.run(() =>
      t.daemon.execCreate("web", { Cmd: ["ip", "-o", "-4", "addr"], AttachStdout: true }),
    );
    const session = await t.run(() => t.daemon.execStart(exec.Id));
    const out = await t.run(() => collectText(session.output));
    assert.match(
      out,
      /^1: lo {4}inet 127\.0\.0\.1\/8 scope host lo\\ {7}valid_lft forever preferred_lft forever\n\d+: eth0 {4}inet 172\.18\.0\.2\/16 brd 172\.18\.255\.255 scope global eth0\\/,
    );
  });
});
