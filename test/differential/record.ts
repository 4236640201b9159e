/**
 * Records the differential corpus against a real Docker 20.10 (classic builder) into
 * `test/fixtures/builder-exec/<case>.json`. Run by hand, as root, where dockerd is installed:
 *
 *   node --import tsx test/differential/record.ts [case…]
 *
 * It starts a private dockerd (test/support/real-docker.ts), builds `busybox:latest` from the
 * host's busybox-static as drydock's base image is made, and resets the daemon to that image
 * before each case. Set RECORD_DOCKER_HOST to record against an existing daemon instead (its
 * other images then take part in cache lookups).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildRealBusybox, type RealDockerd, startRealDockerd } from "../support/real-docker.ts";
import { DIFF_CASES } from "./cases.ts";
import type { CaseRecording } from "./diff-case.ts";
import { DockerDriver, dockerCli, resetDaemon } from "./docker-driver.ts";
import { runCase } from "./run-case.ts";

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "builder-exec");

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  let daemon: RealDockerd | undefined;
  let host = process.env.RECORD_DOCKER_HOST;
  if (host === undefined) {
    const started = await startRealDockerd();
    if (typeof started === "string") throw new Error(`cannot record: ${started}`);
    daemon = started;
    host = started.host;
    await buildRealBusybox(started);
  }
  try {
    const versionOutput = await dockerCli(host, ["version", "--format", "{{.Server.Version}}"]);
    const version = new TextDecoder().decode(versionOutput.stdout).trim();
    mkdirSync(FIXTURES, { recursive: true });
    for (const testCase of DIFF_CASES) {
      if (wanted.length > 0 && !wanted.includes(testCase.name)) continue;
      process.stderr.write(`${testCase.name}\n`);
      await resetDaemon(host);
      const driver = new DockerDriver(host, testCase.name);
      try {
        const recording: CaseRecording = {
          name: testCase.name,
          recordedWith: `docker ${version} (classic builder), docker CLI 28, busybox-static base`,
          steps: await runCase(driver, testCase),
        };
        writeFileSync(
          join(FIXTURES, `${testCase.name}.json`),
          `${JSON.stringify(recording, null, 1)}\n`,
        );
      } finally {
        await driver.close();
      }
    }
  } finally {
    await daemon?.stop();
  }
}

await main();
