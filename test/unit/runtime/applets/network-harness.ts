import type { NetPeer, NetworkView } from "../../../../src/runtime/net/network-view.ts";
import { LOOPBACK_INTERFACE } from "../../../../src/runtime/net/network-view.ts";
import { World } from "../runtime-harness.ts";

/*
 * The namespace of a container recorded on dockerd 20.10 (`docker run --rm --network net1
 * busybox …`): eth0 62@if63, 172.18.0.3/16, gateway 172.18.0.1 (MAC 02:42:90:2a:97:c3), `web`
 * at 172.18.0.2, the embedded DNS listening on 127.0.0.11:41537/tcp and :50285/udp.
 */
export function userNetworkView(): NetworkView {
  const neighbours = new Map<string, { address: string; mac: string; dev: string }>();
  const peers: Record<string, NetPeer> = {
    "172.18.0.1": { kind: "host", mac: "02:42:90:2a:97:c3" },
    "172.18.0.2": { kind: "container", mac: "02:42:ac:12:00:02" },
  };
  const view: NetworkView = {
    interfaces: [
      LOOPBACK_INTERFACE,
      {
        index: 62,
        peerIndex: 63,
        name: "eth0",
        kind: "veth",
        mac: "02:42:ac:12:00:03",
        mtu: 1500,
        qdisc: "noqueue",
        ipv4: { address: "172.18.0.3", prefixLen: 16 },
        carrier: true,
      },
    ],
    gateway: { address: "172.18.0.1", dev: "eth0" },
    listeners: [
      { proto: "tcp", address: "127.0.0.11", port: 41537 },
      { proto: "udp", address: "127.0.0.11", port: 50285 },
    ],
    embeddedDns: true,
    resolve: (name) => (name === "web" || name === "web.net1" ? ["172.18.0.2"] : undefined),
    reverse: (address) => (address === "172.18.0.2" ? "web.net1" : undefined),
    peer: (address) =>
      address.startsWith("127.") || address === "172.18.0.3" ? { kind: "self" } : peers[address],
    neighbours: () => [...neighbours.values()],
    touch: (address) => {
      const mac = peers[address]?.mac;
      if (mac !== undefined) neighbours.set(address, { address, mac, dev: "eth0" });
    },
  };
  return view;
}

/** Runs `sh -c script` in a container with that namespace and network files like dockerd's. */
export async function runNet(
  script: string,
  options: { network?: NetworkView; resolvConf?: string } = {},
): Promise<{ stdout: string; stderr: string; exitCode: number; elapsedUs: number }> {
  const world = new World();
  const resolvConf = options.resolvConf ?? "nameserver 127.0.0.11\noptions ndots:0\n";
  // The harness mounts fixed files; the setup writes what dockerd writes for net1.
  const setup =
    `printf '${resolvConf}' >/etc/resolv.conf; ` +
    "printf '127.0.0.1\\tlocalhost\\n172.18.0.3\\tc0ffee000001\\n' >/etc/hosts; ";
  const result = await world.sh(setup + script, { network: options.network ?? userNetworkView() });
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    exitCode: result.status.exitCode,
    elapsedUs: world.clock.nowUs() - world.startUs,
  };
}
