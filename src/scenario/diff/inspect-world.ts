import { DrydockError } from "../../errors/drydock-error.ts";
import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";
import { exportFiles } from "./export-files.ts";
import type { DockerCall, ObservedContainer, ObservedHost, ObservedImage } from "./observed-run.ts";

/** Tagged images inspected per host at most. */
export const IMAGE_COUNT_MAX = 100;

/** Containers inspected per host at most. */
export const CONTAINER_COUNT_MAX = 100;

const decoder = new TextDecoder();

/**
 * The state of a world's hosts as docker commands show it, so that it works the same on either
 * backend: each tagged image (`docker image ls`, `<none>` skipped) with its `docker image
 * inspect`, `docker history` and files (`docker create` + `docker export` + `docker rm`), and each
 * container the scenario left (`docker ps -a`) with its inspect and files. Containers are listed
 * before the temporary ones are created. Images and containers are sorted by ref and name.
 */
export async function inspectWorld(
  docker: DockerCall,
  hosts: readonly string[],
): Promise<ObservedHost[]> {
  const observed: ObservedHost[] = [];
  for (const host of hosts) {
    const containers = await inspectContainers(docker, host);
    const images: ObservedImage[] = [];
    for (const ref of await imageRefs(docker, host))
      images.push(await inspectImage(docker, host, ref));
    observed.push({ host, images, containers });
  }
  return observed;
}

async function imageRefs(docker: DockerCall, host: string): Promise<string[]> {
  const listed = await text(docker, host, ["image", "ls", "--format", "{{.Repository}}:{{.Tag}}"]);
  const refs = [...new Set(lines(listed).filter((ref) => !ref.includes("<none>")))].sort();
  if (refs.length > IMAGE_COUNT_MAX)
    throw new LimitExceededError({
      what: `tagged images on host ${host}`,
      limit: IMAGE_COUNT_MAX,
      actual: refs.length,
    });
  return refs;
}

async function inspectImage(docker: DockerCall, host: string, ref: string): Promise<ObservedImage> {
  const inspect = firstOf(parseJson(await text(docker, host, ["image", "inspect", ref]), host));
  const history = lines(
    await text(docker, host, ["history", "--no-trunc", "--format", "{{json .}}", ref]),
  ).map((line) => parseJson(line, host));
  // A command is given so that an image with neither CMD nor ENTRYPOINT can be created too; the
  // container never starts.
  const id = (await text(docker, host, ["create", "--pull=never", ref, "true"])).trim();
  try {
    const files = exportFiles((await call(docker, host, ["export", id])).stdout);
    return { ref, inspect, history, files };
  } finally {
    await call(docker, host, ["rm", id]);
  }
}

async function inspectContainers(docker: DockerCall, host: string): Promise<ObservedContainer[]> {
  const listed = lines(
    await text(docker, host, ["ps", "-a", "--no-trunc", "--format", "{{.ID}}\t{{.Names}}"]),
  );
  if (listed.length > CONTAINER_COUNT_MAX)
    throw new LimitExceededError({
      what: `containers on host ${host}`,
      limit: CONTAINER_COUNT_MAX,
      actual: listed.length,
    });
  const containers: ObservedContainer[] = [];
  for (const line of listed) {
    const [id = "", name = ""] = line.split("\t");
    const inspect = firstOf(
      parseJson(await text(docker, host, ["container", "inspect", id]), host),
    );
    const files = exportFiles((await call(docker, host, ["export", id])).stdout);
    containers.push({ name, inspect, files });
  }
  return containers.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function call(docker: DockerCall, host: string, argv: readonly string[]) {
  const result = await docker(host, argv);
  if (result.exitCode !== 0)
    throw new DrydockError(
      "FailedPrecondition",
      `host ${host}: docker ${argv.join(" ")} failed (exit ${result.exitCode}): ${result.stderr.trim()}`,
      { data: { host, argv: [...argv], exitCode: result.exitCode } },
    );
  return result;
}

async function text(docker: DockerCall, host: string, argv: readonly string[]): Promise<string> {
  return decoder.decode((await call(docker, host, argv)).stdout);
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string, host: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DrydockError(
      "DataLoss",
      `host ${host}: docker printed no JSON: ${text.slice(0, 200)}`,
      {
        data: { host },
      },
    );
  }
}
