import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runNet } from "./network-harness.ts";

/*
 * Expected outputs recorded with busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1) in a real
 * container on dockerd 20.10, `docker run --rm --pull=never --network net1 busybox sh -c CMD`,
 * the container being 172.18.0.3 (see network-harness.ts). ifconfig's packet counters are the
 * one difference: real ones vary with DNS/ARP traffic, drydock's are 0.
 */

const IP_A =
  "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\n" +
  "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n" +
  "    inet 127.0.0.1/8 scope host lo\n" +
  "       valid_lft forever preferred_lft forever\n" +
  "62: eth0@if63: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue \n" +
  "    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff\n" +
  "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0\n" +
  "       valid_lft forever preferred_lft forever\n";
const IP_O_A =
  "1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever\n" +
  "62: eth0    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth0\\       valid_lft forever preferred_lft forever\n";
const IP_R =
  "default via 172.18.0.1 dev eth0 \n172.18.0.0/16 dev eth0 scope link  src 172.18.0.3 \n";
const ROUTE_HEAD =
  "Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
const NETSTAT_R_HEAD =
  "Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n";
const INET_HEAD =
  "Proto Recv-Q Send-Q Local Address           Foreign Address         State       \n";
const DNS_SOCKETS =
  "tcp        0      0 127.0.0.11:41537        0.0.0.0:*               LISTEN      \n" +
  "udp        0      0 127.0.0.11:50285        0.0.0.0:*                           \n";
const IFCONFIG_ETH0 =
  "eth0      Link encap:Ethernet  HWaddr 02:42:AC:12:00:03  \n" +
  "          inet addr:172.18.0.3  Bcast:172.18.255.255  Mask:255.255.0.0\n" +
  "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n" +
  "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n" +
  "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n" +
  "          collisions:0 txqueuelen:0 \n" +
  "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n";
const IFCONFIG_LO =
  "lo        Link encap:Local Loopback  \n" +
  "          inet addr:127.0.0.1  Mask:255.0.0.0\n" +
  "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n" +
  "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n" +
  "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n" +
  "          collisions:0 txqueuelen:1000 \n" +
  "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n";

/** [command, stdout, stderr, exit code] */
const CASES: readonly (readonly [string, string, string, number])[] = [
  ["ip a", IP_A, "", 0],
  ["ip addr show dev eth0", IP_A.slice(IP_A.indexOf("62:")), "", 0],
  ["ip -4 a", IP_A.replace(/ {4}link\/.*\n/g, ""), "", 0],
  ["ip -o a", IP_O_A, "", 0],
  ["ip -o -4 a show dev lo", IP_O_A.slice(0, IP_O_A.indexOf("62:")), "", 0],
  [
    "ip link",
    IP_A.split("\n")
      .filter((line) => !line.includes("inet") && !line.includes("valid_lft"))
      .join("\n"),
    "",
    0,
  ],
  [
    "ip -o link show lo",
    "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue qlen 1000\\    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n",
    "",
    0,
  ],
  ["ip r", IP_R, "", 0],
  ["ip route show dev eth0", IP_R, "", 0],
  ["ip addr show dev nosuch", "", "ip: can't find device 'nosuch'\n", 1],
  ["ip addr show dev", "", 'ip: command line is not complete, try "help"\n', 1],
  ["ip addr flush", "", "ip: flush requires an argument\n", 1],
  [
    "route",
    `${ROUTE_HEAD}default         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n` +
      "172.18.0.0      *               255.255.0.0     U     0      0        0 eth0\n",
    "",
    0,
  ],
  [
    "route -n",
    `${ROUTE_HEAD}0.0.0.0         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n` +
      "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n",
    "",
    0,
  ],
  [
    "netstat -rn",
    `${NETSTAT_R_HEAD}0.0.0.0         172.18.0.1      0.0.0.0         UG        0 0          0 eth0\n` +
      "172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n",
    "",
    0,
  ],
  [
    "netstat -tuln",
    `Active Internet connections (only servers)\n${INET_HEAD}${DNS_SOCKETS}`,
    "",
    0,
  ],
  [
    "netstat -a",
    `Active Internet connections (servers and established)\n${INET_HEAD}${DNS_SOCKETS}` +
      "Active UNIX domain sockets (servers and established)\n" +
      "Proto RefCnt Flags       Type       State         I-Node Path\n",
    "",
    0,
  ],
  ["ifconfig", IFCONFIG_ETH0 + IFCONFIG_LO, "", 0],
  ["ifconfig eth0", IFCONFIG_ETH0, "", 0],
  [
    "ifconfig nosuch",
    "",
    "ifconfig: nosuch: error fetching interface information: Device not found\n",
    1,
  ],
  ["hostname -i", "172.18.0.3\n", "", 0],
  // A fresh namespace has an empty neighbour cache; a ping to the gateway fills it.
  ["arp -a", "", "", 0],
  [
    "ping -q -c 1 172.18.0.1 >/dev/null; ping -q -c 1 web >/dev/null; arp -a",
    "? (172.18.0.1) at 02:42:90:2a:97:c3 [ether]  on eth0\n" +
      "web.net1 (172.18.0.2) at 02:42:ac:12:00:02 [ether]  on eth0\n",
    "",
    0,
  ],
];

describe("busybox network information applets", () => {
  before(() => prepareUserland());

  for (const [command, stdout, stderr, exitCode] of CASES) {
    it(command, async () => {
      const result = await runNet(command);
      assert.deepEqual([result.stdout, result.stderr, result.exitCode], [stdout, stderr, exitCode]);
    });
  }

  it("netstat -p is not in this build: glibc's message and netstat's usage", async () => {
    const result = await runNet("netstat -tulnp");
    assert.equal(result.exitCode, 1);
    assert.match(
      result.stderr,
      /^netstat: invalid option -- 'p'\nBusyBox v1\.35\.0 .*\n\nUsage: netstat \[-ral\] \[-tuwx\] \[-en\]\n/,
    );
  });
});
