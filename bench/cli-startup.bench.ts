/**
 * Wall time of whole `drydock` commands (a fresh Node process each, as a user runs them) on a
 * temporary data root, next to the real docker CLI against a private dockerd when one can start.
 * Columns: drydock as `bin.mjs` runs it (the bundle in dist/cli/), drydock from the sources
 * through tsx (DRYDOCK_BUNDLE=0), real docker, and the ratio bundle / docker. Also the one-off
 * cost of building the bundle, on a copy of the checkout. Median of BENCH_RUNS runs (default 10);
 * numbers vary with machine load, so compare only figures from the same run.
 *
 *   node --import tsx bench/cli-startup.bench.ts
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildCliBundle } from "../src/cli/cli-bundle.ts";
import {
  buildRealBusybox,
  type RealDockerd,
  startRealDockerd,
} from "../test/support/real-docker.ts";

const REPO = join(import.meta.dirname, "..");
const BIN = join(REPO, "src/cli/bin.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 10);

/** The commands, as docker arguments; `{ctx}` is the tiny build context. */
const COMMANDS: readonly (readonly string[])[] = [
  ["--help"],
  ["ps"],
  ["images"],
  ["volume", "ls"],
  ["run", "--rm", "--pull=never", "busybox", "echo", "hi"],
  ["build", "-q", "-t", "tiny", "{ctx}"],
];

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time of a command line, in ms; throws if it fails. */
function timeCommand(file: string, args: readonly string[], env: NodeJS.ProcessEnv): number {
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const result = spawnSync(file, args, { env, encoding: "utf8" });
    const elapsed = performance.now() - started;
    if (result.status !== 0)
      throw new Error(`${file} ${args.join(" ")}: exit ${result.status}: ${result.stderr}`);
    if (run > 0) times.push(elapsed); // the first run warms caches (and builds the bundle)
  }
  return median(times);
}

/** One-off: building the bundle on a copy of the checkout, as the first command after a change. */
async function timeBundleBuild(): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), "drydock-bench-bundle-"));
  try {
    cpSync(join(REPO, "src"), join(root, "src"), { recursive: true });
    for (const file of ["package.json", "tsconfig.json"])
      cpSync(join(REPO, file), join(root, file));
    symlinkSync(join(REPO, "node_modules"), join(root, "node_modules"));
    const started = performance.now();
    await buildCliBundle({ root });
    return performance.now() - started;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function realDocker(): Promise<RealDockerd | undefined> {
  if (process.env.BENCH_DOCKER === "0") return undefined;
  const dockerd = await startRealDockerd();
  if (typeof dockerd === "string") {
    console.log(`real docker: skipped (${dockerd})`);
    return undefined;
  }
  await buildRealBusybox(dockerd);
  return dockerd;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "drydock-bench-cli-"));
  const ctx = join(dir, "ctx");
  mkdirSync(ctx);
  writeFileSync(join(ctx, "Dockerfile"), "FROM busybox\nCOPY hello.txt /\nCMD cat /hello.txt\n");
  writeFileSync(join(ctx, "hello.txt"), "hello\n");
  const dockerd = await realDocker();
  try {
    console.log(`node ${process.version}, median of ${RUNS} runs, wall ms`);
    console.log(`bundle build (once per source change): ${(await timeBundleBuild()).toFixed(0)}`);
    const header = ["command", "bundle", "sources", "docker", "bundle/docker"];
    const rows = [header];
    for (const command of COMMANDS) {
      const args = command.map((arg) => arg.replace("{ctx}", ctx));
      const env = { ...process.env, DRYDOCK_DATA_ROOT: join(dir, "root") };
      const bundled = timeCommand(process.execPath, [BIN, ...args], env);
      const sources = timeCommand(process.execPath, [BIN, ...args], {
        ...env,
        DRYDOCK_BUNDLE: "0",
      });
      const docker =
        dockerd === undefined
          ? undefined
          : timeCommand("docker", args, {
              ...process.env,
              DOCKER_HOST: dockerd.host,
              DOCKER_BUILDKIT: "0",
            });
      rows.push([
        command.join(" ").replace("{ctx}", "ctx"),
        bundled.toFixed(0),
        sources.toFixed(0),
        docker?.toFixed(0) ?? "-",
        docker === undefined ? "-" : `${(bundled / docker).toFixed(1)}x`,
      ]);
    }
    const widths = header.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
    for (const row of rows)
      console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
  } finally {
    await dockerd?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
