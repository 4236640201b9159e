/**
 * Returns a real dockerd to its starting state between scenario runs: no containers, volumes or
 * networks beyond the defaults, and no images or tags but the ones it started with.
 */
import type { DockerCli } from "./docker-cli.ts";

const DEFAULT_NETWORKS: ReadonlySet<string> = new Set(["bridge", "host", "none"]);
/** Image removal goes children first; a parent whose child is still there waits a round. */
const REMOVAL_ROUNDS_MAX = 8;

/**
 * Removes everything from the daemon except the images `keep` names (tag → image ID) under those
 * tags. Returns the kept tags that were missing or pointed elsewhere (the caller restores them).
 */
export async function resetDockerd(
  docker: DockerCli,
  options: { keep: Readonly<Record<string, string>> },
): Promise<string[]> {
  const containers = await lines(docker, ["ps", "-aq", "--no-trunc"]);
  if (containers.length > 0) await docker(["rm", "-f", "-v", ...containers]);
  const keepIds = new Set<string>();
  const missing: string[] = [];
  for (const [tag, id] of Object.entries(options.keep).sort()) {
    const now = await lines(docker, ["image", "inspect", "-f", "{{.Id}}", tag]).catch(() => []);
    if (now[0] === id) keepIds.add(id);
    else missing.push(tag);
  }
  const keep = Object.keys(options.keep).filter((tag) => !missing.includes(tag));
  await untagKept(docker, { keep, keepIds });
  for (let round = 0; round < REMOVAL_ROUNDS_MAX; round++) {
    const ids = (await lines(docker, ["images", "-aq", "--no-trunc"])).filter(
      (id) => !keepIds.has(id),
    );
    if (ids.length === 0) break;
    await docker(["rmi", "-f", ...new Set(ids)]).catch(() => undefined);
  }
  const volumes = await lines(docker, ["volume", "ls", "-q"]);
  if (volumes.length > 0) await docker(["volume", "rm", "-f", ...volumes]);
  const networks = (await lines(docker, ["network", "ls", "--format", "{{.Name}}"])).filter(
    (name) => !DEFAULT_NETWORKS.has(name),
  );
  if (networks.length > 0) await docker(["network", "rm", ...networks]);
  const left = await lines(docker, ["images", "-aq", "--no-trunc"]);
  const extra = left.filter((id) => !keepIds.has(id));
  if (extra.length > 0) throw new Error(`images left after reset: ${extra.join(", ")}`);
  return missing;
}

/** Removes the other tags and digests of the kept images (a scenario may have added some). */
async function untagKept(
  docker: DockerCli,
  options: { keep: readonly string[]; keepIds: ReadonlySet<string> },
): Promise<void> {
  const format = "{{.ID}}\t{{.Repository}}\t{{.Tag}}\t{{.Digest}}";
  const rows = await lines(docker, ["images", "--digests", "--no-trunc", "--format", format]);
  const extra = new Set<string>();
  for (const row of rows) {
    const [id = "", repository = "", tag = "", digest = ""] = row.split("\t");
    if (!options.keepIds.has(id) || repository === "<none>") continue;
    if (tag !== "<none>" && !options.keep.includes(`${repository}:${tag}`))
      extra.add(`${repository}:${tag}`);
    if (digest !== "<none>") extra.add(`${repository}@${digest}`);
  }
  for (const reference of extra) await docker(["rmi", reference]).catch(() => undefined);
}

async function lines(docker: DockerCli, args: readonly string[]): Promise<string[]> {
  const { stdout } = await docker(args);
  return stdout
    .toString()
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
}
