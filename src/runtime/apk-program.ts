import type { CommandContext, ExecResult } from "just-bash";
import { APK_BASE_PACKAGES, APK_INDEX, type ApkPackage } from "./apk-index.ts";
import type { ProcessHost, SimProgram } from "./process-host.ts";

const MIRROR = "https://dl-cdn.alpinelinux.org/alpine/v3.19";
const REPOSITORIES = ["main", "community"];
const INSTALLED_DB = "/lib/apk/db/installed";
const WORLD = "/etc/apk/world";
/** Simulated time to fetch one repository index and to install one package. */
const FETCH_US = 200_000;
const INSTALL_US = 20_000;

interface Installed {
  readonly name: string;
  readonly version: string;
  readonly sizeBytes: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A simulated `apk` (Alpine's package manager) over the tiny repository in `APK_INDEX`:
 * `add [--no-cache] PKG…` (dependencies first, as apk prints them), `del`, `update`, `info`.
 * It keeps apk's state where apk does (`/etc/apk/world`, `/lib/apk/db/installed`), writes the
 * packages' files into the container, and takes simulated time to "download". No network is
 * involved.
 */
export const APK_PROGRAM: SimProgram = {
  name: "apk",
  run: async (argv, ctx, host) => {
    const args = argv.slice(1);
    const command = args.find((arg) => !arg.startsWith("-"));
    const operands = args.filter((arg) => !arg.startsWith("-")).slice(1);
    const quiet = args.includes("-q") || args.includes("--quiet");
    if (command === undefined)
      return output(
        "",
        "apk-tools 2.14.0, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n",
        1,
      );
    if (command === "info")
      return output(
        readInstalled(host)
          .map((pkg) => `${pkg.name}\n`)
          .join(""),
        "",
        0,
      );
    if (host.identity.uid !== 0) {
      return output(
        "",
        "ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n",
        99,
      );
    }
    if (command === "update") return update(host, ctx);
    if (command === "add") return add(host, ctx, operands, quiet);
    if (command === "del") return del(host, operands);
    return output("", `apk: unknown command '${command}'\n`, 1);
  },
};

async function update(host: ProcessHost, ctx: CommandContext): Promise<ExecResult> {
  let stdout = "";
  for (const repository of REPOSITORIES) {
    stdout += `fetch ${MIRROR}/${repository}/x86_64/APKINDEX.tar.gz\n`;
    await host.sleep(FETCH_US, ctx.signal);
    write(
      host,
      `/var/cache/apk/APKINDEX.${repository === "main" ? "5d3c3bcb" : "a3b0d5fa"}.tar.gz`,
      encoder.encode(`simulated index of ${repository}\n`),
      0o644,
    );
  }
  for (const repository of REPOSITORIES)
    stdout += `v3.19.1-300-gf4e1cc24e9c [${MIRROR}/${repository}]\n`;
  return output(`${stdout}OK: 22983 distinct packages available\n`, "", 0);
}

async function add(
  host: ProcessHost,
  ctx: CommandContext,
  names: readonly string[],
  quiet: boolean,
): Promise<ExecResult> {
  const installed = readInstalled(host);
  const missing = names.filter(
    (name) => !APK_INDEX.has(name) && !installed.some((pkg) => pkg.name === name),
  );
  let stdout = "";
  if (!host.view.exists("/var/cache/apk/APKINDEX.5d3c3bcb.tar.gz")) {
    for (const repository of REPOSITORIES) {
      stdout += `fetch ${MIRROR}/${repository}/x86_64/APKINDEX.tar.gz\n`;
      await host.sleep(FETCH_US, ctx.signal);
    }
  }
  if (missing.length > 0) {
    const lines = missing
      .map((name) => `  ${name} (no such package):\n    required by: world[${name}]\n`)
      .join("");
    return output(stdout, `ERROR: unable to select packages:\n${lines}`, missing.length);
  }
  const plan: ApkPackage[] = [];
  const visit = (name: string) => {
    if (installed.some((pkg) => pkg.name === name) || plan.some((pkg) => pkg.name === name)) return;
    const pkg = APK_INDEX.get(name)!;
    for (const dependency of pkg.depends) visit(dependency);
    plan.push(pkg);
  };
  for (const name of names) visit(name);
  for (const [index, pkg] of plan.entries()) {
    stdout += `(${index + 1}/${plan.length}) Installing ${pkg.name} (${pkg.version})\n`;
    await host.sleep(INSTALL_US, ctx.signal);
    for (const file of pkg.files) write(host, `/${file.path}`, file.data, file.mode);
    installed.push({ name: pkg.name, version: pkg.version, sizeBytes: pkg.sizeBytes });
  }
  if (plan.length > 0) stdout += "Executing busybox-1.36.1-r15.trigger\n";
  if (plan.some((pkg) => pkg.name === "ca-certificates"))
    stdout += "Executing ca-certificates-20240226-r0.trigger\n";
  writeState(host, installed, [...new Set([...readWorld(host), ...names])]);
  return output(quiet ? "" : `${stdout}${okLine(installed)}`, "", 0);
}

function del(host: ProcessHost, names: readonly string[]): ExecResult {
  const world = readWorld(host).filter((name) => !names.includes(name));
  const needed = new Set<string>(APK_BASE_PACKAGES.map((pkg) => pkg.name));
  const keep = (name: string) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of APK_INDEX.get(name)?.depends ?? []) keep(dependency);
  };
  for (const name of world) keep(name);
  const installed = readInstalled(host);
  const removed = installed.filter((pkg) => !needed.has(pkg.name));
  let stdout = "";
  removed.forEach((pkg, index) => {
    stdout += `(${index + 1}/${removed.length}) Purging ${pkg.name} (${pkg.version})\n`;
    for (const file of APK_INDEX.get(pkg.name)?.files ?? []) {
      if (host.view.exists(`/${file.path}`))
        host.view.unlink(`/${file.path}`, { nowUs: host.clock.nowUs() });
    }
  });
  const remaining = installed.filter((pkg) => needed.has(pkg.name));
  writeState(host, remaining, world);
  return output(`${stdout}${okLine(remaining)}`, "", 0);
}

function okLine(installed: readonly Installed[]): string {
  const sizeBytes = installed.reduce((sum, pkg) => sum + pkg.sizeBytes, 0);
  return `OK: ${Math.round(sizeBytes / (1024 * 1024))} MiB in ${installed.length} packages\n`;
}

function readInstalled(host: ProcessHost): Installed[] {
  if (!host.view.exists(INSTALLED_DB)) return [];
  return decoder
    .decode(host.view.readFile(INSTALLED_DB))
    .split("\n\n")
    .flatMap((block) => {
      const field = (key: string) =>
        block
          .split("\n")
          .find((line) => line.startsWith(`${key}:`))
          ?.slice(2);
      const name = field("P");
      return name === undefined
        ? []
        : [{ name, version: field("V") ?? "", sizeBytes: Number(field("I") ?? "0") }];
    });
}

function readWorld(host: ProcessHost): string[] {
  if (!host.view.exists(WORLD)) return [];
  return decoder
    .decode(host.view.readFile(WORLD))
    .split("\n")
    .filter((line) => line !== "");
}

function writeState(
  host: ProcessHost,
  installed: readonly Installed[],
  world: readonly string[],
): void {
  const db = installed
    .map((pkg) => `P:${pkg.name}\nV:${pkg.version}\nI:${pkg.sizeBytes}\n`)
    .join("\n");
  write(host, INSTALLED_DB, encoder.encode(`${db}\n`), 0o644);
  write(host, WORLD, encoder.encode(world.map((name) => `${name}\n`).join("")), 0o644);
}

function write(host: ProcessHost, path: string, data: Uint8Array, mode: number): void {
  const nowUs = host.clock.nowUs();
  host.view.mkdirp(path.slice(0, path.lastIndexOf("/")) || "/", {
    nowUs,
    mode: 0o755,
    uid: 0,
    gid: 0,
  });
  host.view.writeFile(path, data, { nowUs, mode, uid: 0, gid: 0 });
}

function output(stdout: string, stderr: string, exitCode: number): ExecResult {
  return { stdout, stderr, exitCode };
}

/** The initial `/lib/apk/db/installed` and `/etc/apk/world` of the Alpine-like base image. */
export function apkBaseState(): { installed: Uint8Array; world: Uint8Array } {
  const db = APK_BASE_PACKAGES.map(
    (pkg) => `P:${pkg.name}\nV:${pkg.version}\nI:${pkg.sizeBytes}\n`,
  ).join("\n");
  const world = [
    "alpine-baselayout",
    "alpine-keys",
    "apk-tools",
    "busybox",
    "ca-certificates-bundle",
    "libc-utils",
  ];
  return {
    installed: encoder.encode(`${db}\n`),
    world: encoder.encode(world.map((name) => `${name}\n`).join("")),
  };
}
