import assert from "node:assert/strict";
import { test } from "node:test";
import { parseScenario } from "../../../src/scenario/read-scenario.ts";
import { memoryScenarioSource } from "../../../src/scenario/scenario-source.ts";

function read(differences: string) {
  return parseScenario({
    file: "d.yaml",
    source: memoryScenarioSource({}),
    text: `name: d\nhosts: { dev: {}, prod: {} }\nsteps:\n  - { on: dev, run: docker version }\n  - { on: dev, run: docker info }\n${differences}`,
  });
}

test("differences default to none and are read with their optional keys", () => {
  assert.deepEqual(read("").differences, []);
  const scenario = read(`differences:
  - { step: 2, host: dev, what: stdout, match: "/Server Version: .*/i", reason: "the simulator's version" }
  - { what: "image.history[3].created_by", reason: "  busybox stand-in  " }
`);
  assert.deepEqual(scenario.differences, [
    {
      step: 2,
      host: "dev",
      what: "stdout",
      match: "/Server Version: .*/i",
      reason: "the simulator's version",
    },
    { what: "image.history[3].created_by", reason: "busybox stand-in" },
  ]);
});

test("mistakes name the place: unknown keys, kinds, hosts, steps, regexes, a missing reason", () => {
  const cases: [string, RegExp][] = [
    ["- { what: stdout, reason: r, why: x }", /differences\[0\]\.why: unknown key "why"/],
    ["- { what: output, reason: r }", /differences\[0\]\.what: expected one of stdout, stderr/],
    ["- { what: image.config., reason: r }", /differences\[0\]\.what: expected one of/],
    ["- { host: ci, what: exit, reason: r }", /differences\[0\]\.host: no host "ci"/],
    ["- { step: 3, what: exit, reason: r }", /differences\[0\]\.step: expected at most 2/],
    ["- { step: 0, what: exit, reason: r }", /differences\[0\]\.step: expected at least 1/],
    [
      '- { what: stdout, match: "/a(/", reason: r }',
      /differences\[0\]\.match: not a valid regular expression/,
    ],
    ["- { what: stdout }", /differences\[0\]\.reason: expected a string, got nothing/],
    ["  what: stdout", /differences: expected a list/],
  ];
  for (const [yaml, message] of cases)
    assert.throws(() => read(`differences:\n  ${yaml}`), message, yaml);
});
