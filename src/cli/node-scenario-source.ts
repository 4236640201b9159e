import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { LimitExceededError } from "../errors/limit-exceeded-error.ts";
import type { ScenarioSource } from "../scenario/scenario-source.ts";

/** Folders a `dir:` entry may hold, at most (a guard against pointing one at `/`). */
const FILE_COUNT_MAX = 10_000;

/** Scenario files and the folders beside them, read from the real filesystem. */
export const nodeScenarioSource: ScenarioSource = {
  readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  },
  listFiles(dir, options) {
    try {
      if (!statSync(dir).isDirectory()) return undefined;
    } catch {
      return undefined;
    }
    const out: { path: string; data: Uint8Array; mode: number }[] = [];
    let sizeBytes = 0;
    const walk = (folder: string, prefix: string) => {
      for (const name of readdirSync(folder).sort()) {
        const full = join(folder, name);
        const path = prefix === "" ? name : `${prefix}/${name}`;
        const stat = statSync(full);
        if (stat.isDirectory()) walk(full, path);
        else if (stat.isFile()) {
          sizeBytes += stat.size;
          if (sizeBytes > options.sizeBytesMax || out.length >= FILE_COUNT_MAX)
            throw new LimitExceededError({
              what: `files beside the scenario in ${dir}`,
              limit: options.sizeBytesMax,
            });
          // Only the executable bit, as git keeps it: layer digests must not depend on a umask.
          out.push({
            path,
            data: new Uint8Array(readFileSync(full)),
            mode: stat.mode & 0o111 ? 0o755 : 0o644,
          });
        }
      }
    };
    walk(dir, "");
    return out;
  },
  besides: (file, relative) => join(dirname(file), relative),
};
