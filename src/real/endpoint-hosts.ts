/**
 * Scenario hosts on dockerds the user already runs (`--hosts dev=unix:///…`): drydock starts
 * nothing and cannot shape links or inject faults there, and the daemons hold other things too.
 * So before a run it notes what each daemon has, and afterwards removes exactly what the run
 * added (containers, tags, images, networks, volumes) and points every tag it moved back at its
 * image — even when the run failed.
 */
import { DrydockError } from "../errors/drydock-error.ts";
import type { FaultBody } from "../scenario/scenario.ts";
import { runCliProcess } from "./cli-process.ts";
import type { RealHostSet } from "./real-scenario-runner.ts";

/** What one daemon held before the run. */
interface Holdings {
  readonly containers: ReadonlySet<string>;
  readonly images: ReadonlySet<string>;
  /** `repository:tag` → image ID: a run may move a kept tag (`docker build -t busybox`). */
  readonly tags: ReadonlyMap<string, string>;
  readonly networks: ReadonlySet<string>;
  readonly volumes: ReadonlySet<string>;
}

/** Endpoint hosts, checked reachable, with what each held noted. */
export interface EndpointHosts extends RealHostSet {
  /** Removes what the run added; returns what could not be removed, one line each. */
  cleanUp(): Promise<string[]>;
}

/** How long the reachability check and each cleanup command may take. */
const COMMAND_TIMEOUT_MS = 60_000;

/** Checks every endpoint answers and notes its holdings; a clear error when one does not. */
export async function openEndpointHosts(options: {
  readonly endpoints: Readonly<Record<string, string>>;
  readonly cli: string;
  readonly cwd: string;
  readonly configDir: string;
}): Promise<EndpointHosts> {
  const docker = async (host: string, argv: readonly string[]) => {
    const result = await runCliProcess({
      cli: options.cli,
      dockerHost: options.endpoints[host]!,
      configDir: options.configDir,
      cwd: options.cwd,
      argv,
      timeoutMs: COMMAND_TIMEOUT_MS,
    });
    const text = new TextDecoder().decode(result.stdout);
    return { ...result, lines: text.split("\n").filter((line) => line !== "") };
  };
  const holdings = new Map<string, Holdings>();
  for (const [host, endpoint] of Object.entries(options.endpoints)) {
    const version = await docker(host, ["version", "--format", "{{.Server.Version}}"]);
    if (version.exitCode !== 0) throw unreachable(host, endpoint, version.stderr);
    holdings.set(host, await holdingsOf((argv) => docker(host, argv)));
  }
  return {
    dockerHost: (host) => {
      const endpoint = options.endpoints[host];
      if (endpoint === undefined)
        throw new DrydockError(
          "InvalidArgument",
          `host ${host} has no endpoint (--hosts ${host}=unix:///…)`,
        );
      return endpoint;
    },
    applyFault: async (fault: FaultBody) => {
      throw new DrydockError(
        "Unimplemented",
        `fault ${fault.kind} needs drydock's own dockerds and link proxies (run --backend docker without --hosts)`,
      );
    },
    cleanUp: async () => {
      const leftovers: string[] = [];
      for (const [host, before] of holdings)
        leftovers.push(...(await removeAdded(host, before, (argv) => docker(host, argv))));
      return leftovers;
    },
  };
}

type Lines = (
  argv: readonly string[],
) => Promise<{ exitCode: number; stderr: string; lines: string[] }>;

async function holdingsOf(docker: Lines): Promise<Holdings> {
  const set = async (argv: readonly string[]) => new Set((await docker(argv)).lines);
  return {
    containers: await set(["ps", "-aq", "--no-trunc"]),
    images: await set(["images", "-aq", "--no-trunc"]),
    tags: await tagsOf(docker),
    networks: await set(["network", "ls", "-q", "--no-trunc"]),
    volumes: await set(["volume", "ls", "-q"]),
  };
}

async function removeAdded(host: string, before: Holdings, docker: Lines): Promise<string[]> {
  const now = await holdingsOf(docker);
  const added = (key: Exclude<keyof Holdings, "tags">) =>
    [...now[key]].filter((item) => !before[key].has(item));
  const leftovers: string[] = [];
  const remove = async (argv: readonly string[]) => {
    const result = await docker(argv);
    if (result.exitCode !== 0)
      leftovers.push(`${host}: docker ${argv.join(" ")}: ${result.stderr.trim()}`);
  };
  const containers = added("containers");
  if (containers.length > 0) await remove(["rm", "-f", "-v", ...containers]);
  // Tags the run moved or removed point at their own images again first: untagged, a kept image
  // would go with the next `rmi` that prunes its children's parents.
  for (const [tag, id] of before.tags) if (now.tags.get(tag) !== id) await remove(["tag", id, tag]);
  for (const tag of now.tags.keys()) if (!before.tags.has(tag)) await remove(["rmi", tag]);
  // Removing one image can free its parents: go round until nothing new is left.
  for (let round = 0; round < 10; round++) {
    const images = [...(await holdingsOf(docker)).images].filter((id) => !before.images.has(id));
    if (images.length === 0) break;
    const result = await docker(["rmi", "-f", ...images]);
    if (result.exitCode !== 0 && round === 9)
      leftovers.push(`${host}: images ${images.join(" ")}: ${result.stderr.trim()}`);
  }
  for (const network of added("networks")) await remove(["network", "rm", network]);
  const volumes = added("volumes");
  if (volumes.length > 0) await remove(["volume", "rm", "-f", ...volumes]);
  return leftovers;
}

async function tagsOf(docker: Lines): Promise<Map<string, string>> {
  const format = "{{.Repository}}:{{.Tag}} {{.ID}}";
  const { lines } = await docker(["images", "--no-trunc", "--format", format]);
  const rows = lines.map((line) => line.split(" ") as [string, string]);
  return new Map(rows.filter(([tag]) => !tag.includes("<none>")));
}

function unreachable(host: string, endpoint: string, stderr: string): DrydockError {
  const detail = stderr.trim().split("\n").at(-1) ?? "";
  const denied = /permission denied/i.test(stderr);
  return new DrydockError(
    denied ? "PermissionDenied" : "Unavailable",
    `host ${host}: ${denied ? "no permission to use" : "cannot reach"} the dockerd at ${endpoint}: ${detail}`,
    { data: { host, endpoint } },
  );
}
