#!/usr/bin/env node
// The `drydock` command. drydock is written in TypeScript and a checkout needs no build step:
// the command runs a bundle of itself (dist/cli/, built with esbuild by the first command after
// a change to any input, see cli-bundle.ts), which starts several times faster than the sources
// through tsx's loader. When no bundle can be built, or with DRYDOCK_BUNDLE=0, it runs the
// sources through tsx.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadBundle } from "./bundle-loader.mjs";
import { freshBundleEntry } from "./bundle-stamp.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function bundledMain() {
  if (process.env.DRYDOCK_BUNDLE === "0") return undefined;
  // The run that fills a new bundle's code cache never builds one itself.
  const entry =
    freshBundleEntry(root) ??
    (process.env.DRYDOCK_BUNDLE_TRAINING === "1" ? undefined : await buildBundle());
  return entry === undefined ? undefined : loadBundle(entry).main;
}

async function buildBundle() {
  try {
    const { register } = await import("tsx/esm/api");
    const unregister = register();
    const { buildCliBundle } = await import("./cli-bundle.ts");
    await unregister();
    return await buildCliBundle({ root });
  } catch (error) {
    // A read-only checkout runs the sources quietly; anything else is worth knowing about.
    if (!["EACCES", "EPERM", "EROFS"].includes(error?.code))
      process.stderr.write(`drydock: running from sources: no bundle (${error?.message})\n`);
    return undefined;
  }
}

async function sourceMain() {
  const { register } = await import("tsx/esm/api");
  register();
  return (await import("./main.ts")).main;
}

const main = (await bundledMain()) ?? (await sourceMain());
process.exitCode = await main(process.argv.slice(2));
