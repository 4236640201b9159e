import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LOOPBACK_ONLY } from "../../../../src/runtime/net/network-view.ts";
import { prepareUserland } from "../../../../src/runtime/userland.ts";
import { runNet } from "./network-harness.ts";

/*
 * Expected outputs recorded with busybox 1.35 (Debian 1:1.35.0-4+deb12u1+b1): in real
 * containers on dockerd 20.10 (`docker run --rm --pull=never --network net1 busybox sh -c CMD`,
 * the container 172.18.0.3, `web` 172.18.0.2; `--network none` for the unreachable cases; a
 * nameserver answering NXDOMAIN for unknown names), and with /bin/busybox on the build machine
 * for ipcalc and the usage errors. Ping times are drydock's fixed model (see ping.ts); real ones
 * jitter.
 */

const NONE = { network: LOOPBACK_ONLY, resolvConf: "nameserver 10.255.255.53\\n" };
const SERVER = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n";

/** [command, stdout, stderr, exit code, options] */
const CASES: readonly (readonly [string, string, string, number, object?])[] = [
  [
    "nslookup web",
    `${SERVER}Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\nNon-authoritative answer:\n\n`,
    "",
    0,
  ],
  [
    "nslookup nosuch",
    `${SERVER}** server can't find nosuch: NXDOMAIN\n\n** server can't find nosuch: NXDOMAIN\n\n`,
    "",
    1,
  ],
  ["nslookup -type=a nosuch", `${SERVER}** server can't find nosuch: NXDOMAIN\n\n`, "", 1],
  [
    "nslookup 172.18.0.2",
    `${SERVER}Non-authoritative answer:\n2.0.18.172.in-addr.arpa\tname = web.net1\n\n`,
    "",
    0,
  ],
  [
    "nslookup 172.18.0.77",
    `${SERVER}** server can't find 77.0.18.172.in-addr.arpa: NXDOMAIN\n\n`,
    "",
    1,
  ],
  [
    "nslookup web",
    "",
    "nslookup: can't connect to remote host (10.255.255.53): Network is unreachable\n",
    1,
    NONE,
  ],
  [
    "ping -c 2 -s 100 web",
    "PING web (172.18.0.2): 100 data bytes\n" +
      "108 bytes from 172.18.0.2: seq=0 ttl=64 time=1.000 ms\n" +
      "108 bytes from 172.18.0.2: seq=1 ttl=64 time=0.100 ms\n\n" +
      "--- web ping statistics ---\n" +
      "2 packets transmitted, 2 packets received, 0% packet loss\n" +
      "round-trip min/avg/max = 0.100/0.550/1.000 ms\n",
    "",
    0,
  ],
  [
    "ping -c 1 -q localhost",
    "PING localhost (127.0.0.1): 56 data bytes\n\n--- localhost ping statistics ---\n" +
      "1 packets transmitted, 1 packets received, 0% packet loss\n" +
      "round-trip min/avg/max = 0.040/0.040/0.040 ms\n",
    "",
    0,
  ],
  [
    "ping -c 2 -W 1 172.18.0.99",
    "PING 172.18.0.99 (172.18.0.99): 56 data bytes\n\n--- 172.18.0.99 ping statistics ---\n" +
      "2 packets transmitted, 0 packets received, 100% packet loss\n",
    "",
    1,
  ],
  ["ping -c 1 db", "", "ping: bad address 'db'\n", 1],
  ["ping -c abc web", "", "ping: invalid number 'abc'\n", 1],
  ["ping -c 1 -s 70000 web", "", "ping: number 70000 is not in 0..65535 range\n", 1],
  [
    "ping6 -c 1 ::1",
    "PING ::1 (::1): 56 data bytes\n",
    "ping6: sendto: Cannot assign requested address\n",
    1,
  ],
  [
    "ping -c 1 172.30.0.1",
    "PING 172.30.0.1 (172.30.0.1): 56 data bytes\n",
    "ping: sendto: Network is unreachable\n",
    1,
    NONE,
  ],
  [
    "wget -O- http://web:80/",
    "",
    "Connecting to web:80 (172.18.0.2:80)\nwget: can't connect to remote host (172.18.0.2): Connection refused\n",
    1,
  ],
  [
    "wget -q http://web/",
    "",
    "wget: can't connect to remote host (172.18.0.2): Connection refused\n",
    1,
  ],
  ["wget http://nosuch/", "", "wget: bad address 'nosuch'\n", 1],
  ["wget http://127.0.0.1:99999/", "", "wget: bad port '99999'\n", 1],
  [
    "wget http://172.30.0.3/",
    "",
    "Connecting to 172.30.0.3 (172.30.0.3:80)\nwget: can't connect to remote host (172.30.0.3): Network is unreachable\n",
    1,
    NONE,
  ],
  ["nc web 80", "", "nc: can't connect to remote host (172.18.0.2): Connection refused\n", 1],
  ["nc web abc", "", "nc: bad port 'abc'\n", 1],
  ["telnet web", "", "telnet: can't connect to remote host (172.18.0.2): Connection refused\n", 1],
  ["telnet nosuch", "", "telnet: bad address 'nosuch'\n", 1],
  [
    "ipcalc -bnmp 192.168.1.77/20",
    "NETMASK=255.255.240.0\nBROADCAST=192.168.15.255\nNETWORK=192.168.0.0\nPREFIX=20\n",
    "",
    0,
  ],
  ["ipcalc -n 1.2.3", "NETWORK=1.0.0.0\n", "", 0],
  [
    "ipcalc -bnm 10.1.2.3 255.255.0.0",
    "NETMASK=255.255.0.0\nBROADCAST=10.1.255.255\nNETWORK=10.1.0.0\n",
    "",
    0,
  ],
  ["ipcalc -p 10.1.2.3 255.0.255.0", "PREFIX=16\n", "", 0],
  ["ipcalc -m 230.0.0.1", "NETMASK=255.255.255.0\n", "", 0],
  ["ipcalc -bn 0x0a.1", "BROADCAST=10.255.255.255\nNETWORK=10.0.0.0\n", "", 0],
  ["ipcalc -bn 010.1.2.3", "BROADCAST=8.255.255.255\nNETWORK=8.0.0.0\n", "", 0],
  ["ipcalc -n 4294967295", "NETWORK=255.255.255.0\n", "", 0],
  ["ipcalc -np 1.2.3.4/0", "NETWORK=0.0.0.0\nPREFIX=0\n", "", 0],
  ["ipcalc --network 1.2.3.4/24", "NETWORK=1.2.3.0\n", "", 0],
  ["ipcalc -n 1.2.3.256", "", "ipcalc: bad IP address: 1.2.3.256\n", 1],
  ["ipcalc -s -n foo", "", "", 1],
  ["ipcalc -n 1.2.3.4 bar", "", "ipcalc: bad netmask: bar\n", 1],
  ["ipcalc -n 1.2.3.4/8 255.0.0.0", "", "ipcalc: use prefix or netmask, not both\n", 1],
  ["ipcalc -pn 1.2.3.4/x", "", "ipcalc: invalid number 'x'\n", 1],
  ["ipcalc -b 1.2.3.4/33", "", "ipcalc: number 33 is not in 0..32 range\n", 1],
  ["ipcalc -h 127.0.0.1", "HOSTNAME=localhost\n", "", 0],
  [
    "ipcalc -mh 10.9.9.9/24",
    "NETMASK=255.255.255.0\n",
    "ipcalc: can't find hostname for 10.9.9.9/24: Unknown host\n",
    1,
  ],
];

describe("busybox ping, nslookup, ipcalc, wget, nc, telnet", () => {
  before(() => prepareUserland());

  for (const [command, stdout, stderr, exitCode, options] of CASES) {
    it(command, async () => {
      const result = await runNet(command, options);
      assert.deepEqual([result.stdout, result.stderr, result.exitCode], [stdout, stderr, exitCode]);
    });
  }

  it("ping waits in simulated time: an interval between packets, -W after the last", async () => {
    assert.equal((await runNet("ping -c 3 web")).elapsedUs, 2_000_100);
    assert.equal((await runNet("ping -c 3 -i 0.2 web")).elapsedUs, 400_100);
    assert.equal((await runNet("ping -c 2 -W 1 172.18.0.99")).elapsedUs, 2_000_000);
    const deadline = await runNet("ping -w 2 web");
    assert.match(deadline.stdout, /2 packets transmitted, 2 packets received/);
  });

  it("ping and nslookup without arguments print their usage", async () => {
    for (const applet of ["ping", "nslookup", "wget", "telnet", "ipcalc"]) {
      const result = await runNet(applet);
      assert.equal(result.exitCode, 1);
      assert.match(result.stderr, new RegExp(`^BusyBox v1\\.35\\.0 .*\\n\\nUsage: ${applet} `));
    }
  });
});
