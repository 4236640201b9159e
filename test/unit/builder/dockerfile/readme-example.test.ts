/**
 * The 10-line Dockerfile of the docker-wire recording (test/fixtures/builder/docker-wire): the
 * parser must print the same `Step N/10 : …` lines the real `docker build` printed, and the
 * front end's rules must give the config the real image has (examples/image-config.docker.json).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseDockerfile } from "../../../../src/builder/dockerfile/parser.ts";
import { buildSteps } from "../../../../src/builder/dockerfile/stages.ts";
import { miniBuild } from "../support/mini-config.ts";

const DIR = join(import.meta.dirname, "..", "..", "..", "fixtures", "builder", "docker-wire");

describe("the docker-wire README Dockerfile", () => {
  const dockerfile = parseDockerfile(readFileSync(join(DIR, "mini.Dockerfile")));

  it("parses to the Step lines the real build printed", () => {
    const log = readFileSync(join(DIR, "mini-build.log"), "utf8").split("\n");
    const printed = log.filter((line) => line.startsWith("Step "));
    assert.equal(printed.length, 10);
    assert.deepEqual(
      buildSteps(dockerfile).map((step) => step.text),
      printed,
    );
  });

  it("yields the recorded image config with --build-arg V=7", () => {
    const { config } = miniBuild(dockerfile, { buildArgs: { V: "7" } });
    assert.deepEqual(config, {
      Env: [
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "GREETING=hello",
        "V=7",
      ],
      Cmd: ["sh", "-c", "echo $GREETING; cat /app/hello.txt"],
      WorkingDir: "/app",
      Labels: { "org.example.research": "protocol" },
    });
  });
});
