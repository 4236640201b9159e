import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHostIp } from "../../../src/daemon/host-ip.ts";
import { EPHEMERAL_PORTS, HostPorts } from "../../../src/daemon/host-ports.ts";

const ip = (text: string) => parseHostIp(text)!;

describe("host addresses as Go prints them", () => {
  it("canonical text, IPv4-mapped addresses as IPv4, nil for what Go refuses", () => {
    assert.equal(ip("::0001").text, "::1");
    assert.equal(ip("FE80:0:0:0:0:0:0:1").text, "fe80::1");
    assert.equal(ip("1:0:0:1:0:0:0:1").text, "1:0:0:1::1");
    assert.equal(ip("1:0:0:0:1:0:0:1").text, "1::1:0:0:1");
    assert.equal(ip("1:2:3:4:5:6:7:0").text, "1:2:3:4:5:6:7:0");
    assert.deepEqual(ip("::ffff:127.0.0.1"), { family: 4, text: "127.0.0.1", unspecified: false });
    assert.deepEqual(ip("::"), { family: 6, text: "::", unspecified: true });
    assert.equal(ip("0.0.0.0").unspecified, true);
    for (const bad of ["1.2.3", "01.2.3.4", "[::1]", "1::2::3", "256.1.1.1", "", "abc"])
      assert.equal(parseHostIp(bad), undefined, bad);
  });
});

describe("the host's port allocator and proxy sockets", () => {
  it("goes on after the last port of each range, wraps, and says when all are taken", () => {
    const ports = new HostPorts();
    const any = ip("0.0.0.0");
    assert.equal(ports.request(any, "tcp", 0, 0), EPHEMERAL_PORTS.begin);
    assert.equal(ports.request(any, "tcp", 0, 0), EPHEMERAL_PORTS.begin + 1);
    ports.release(any, "tcp", EPHEMERAL_PORTS.begin);
    assert.equal(ports.request(any, "tcp", 0, 0), EPHEMERAL_PORTS.begin + 2);
    // Each address and protocol has its own allocator.
    assert.equal(ports.request(ip("::"), "tcp", 0, 0), EPHEMERAL_PORTS.begin);
    assert.equal(ports.request(any, "udp", 0, 0), EPHEMERAL_PORTS.begin);
    assert.equal(ports.request(any, "tcp", 9000, 9001), 9000);
    assert.equal(ports.request(any, "tcp", 9000, 9001), 9001);
    assert.throws(() => ports.request(any, "tcp", 9000, 9001), {
      message: "all ports are allocated",
    });
    ports.release(any, "tcp", 9000);
    assert.equal(ports.request(any, "tcp", 9000, 9001), 9000);
    assert.throws(
      () => ports.request(any, "tcp", 9001, 9001),
      /Bind for 0\.0\.0\.0:9001 failed: port is already allocated/,
    );
  });

  it("refuses a socket on an overlapping address of the same family and protocol", () => {
    const ports = new HostPorts();
    ports.listen(ip("0.0.0.0"), "tcp", 80);
    assert.throws(
      () => ports.listen(ip("127.0.0.1"), "tcp", 80),
      /listen tcp4 127\.0\.0\.1:80: bind: address already in use/,
    );
    ports.listen(ip("::"), "tcp", 80);
    ports.listen(ip("127.0.0.1"), "udp", 80);
    ports.listen(ip("127.0.0.1"), "udp", 81);
    ports.listen(ip("127.0.0.2"), "udp", 81);
    assert.throws(
      () => ports.listen(ip("0.0.0.0"), "udp", 81),
      /listen udp4 0\.0\.0\.0:81: bind: address already in use/,
    );
    ports.close(ip("0.0.0.0"), "tcp", 80);
    ports.listen(ip("127.0.0.1"), "tcp", 80);
  });
});
