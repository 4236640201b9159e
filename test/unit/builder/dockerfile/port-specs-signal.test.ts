import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { exposedPorts } from "../../../../src/builder/dockerfile/port-specs.ts";
import { checkStopSignal } from "../../../../src/builder/dockerfile/stop-signal.ts";

describe("EXPOSE port specs", () => {
  it("lists ports with protocols, ranges expanded, sorted and unique", () => {
    assert.deepEqual(
      exposedPorts([
        "80",
        "53/UDP",
        "7000-7001/sctp",
        "127.0.0.1:8080:80",
        "[::1]:1:2",
        "0",
        "81/",
      ]),
      ["0/tcp", "2/tcp", "53/udp", "7000/sctp", "7001/sctp", "80/tcp", "81/tcp"],
    );
  });

  it("refuses bad specs with go-connections' messages", () => {
    const cases: [string, string][] = [
      ["abc", "Invalid containerPort: abc"],
      ["70000", "Invalid containerPort: 70000"],
      ["90-80", "Invalid containerPort: 90-80"],
      ["80/xyz", "Invalid proto: xyz"],
      ["/tcp", "No port specified: /tcp<empty>"],
      ["1.2.3:80:80", "Invalid ip address: 1.2.3"],
      ["x:80", "Invalid hostPort: x"],
      ["80-81:90-92", "Invalid ranges specified for container and host Ports: 90-92 and 80-81"],
    ];
    for (const [spec, message] of cases)
      assert.throws(() => exposedPorts([spec]), { message }, spec);
  });
});

describe("STOPSIGNAL", () => {
  it("accepts numbers and Linux signal names in any case, with or without SIG", () => {
    for (const signal of ["9", "SIGKILL", "term", "sigRTMIN+3", "RTMAX-2", "SIGWINCH"]) {
      assert.equal(checkStopSignal(signal), signal);
    }
  });

  it("refuses anything else as Docker does", () => {
    for (const signal of ["0", "FOO", "9 10", "", "SIGRTMIN+16"]) {
      assert.throws(() => checkStopSignal(signal), { message: `Invalid signal: ${signal}` });
    }
  });
});
