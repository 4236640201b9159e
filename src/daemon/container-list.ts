import type { Digest } from "../digest/digest.ts";
import type { ContainerSummary, Filters } from "../engine/api-types.ts";
import { DrydockError } from "../errors/drydock-error.ts";
import type { Container } from "./container.ts";
import { summarizeContainer } from "./container-inspect.ts";
import { portFilters } from "./container-ports.ts";
import { stateStatus } from "./container-state.ts";
import type { DaemonContext } from "./daemon-context.ts";
import {
  allLabelsMatch,
  anyValue,
  booleanFilter,
  checkFilterKeys,
  filterValues,
  invalidFilter,
  regexMatches,
} from "./filters.ts";

const PS_FILTERS = [
  "ancestor",
  "before",
  "expose",
  "exited",
  "health",
  "id",
  "isolation",
  "is-task",
  "label",
  "name",
  "network",
  "publish",
  "since",
  "status",
  "volume",
];
const STATUSES = ["created", "restarting", "running", "removing", "paused", "exited", "dead"];
const HEALTH = ["starting", "healthy", "unhealthy", "none"];

/**
 * `docker ps` (`GET /containers/json`): newest first; running containers only unless `all`, a
 * `status` filter or a `limit`; every filter dockerd 20.10 accepts, with its error wording.
 */
export function listContainers(
  ctx: DaemonContext,
  options: { all?: boolean; limit?: number; size?: boolean; filters?: Filters } = {},
): ContainerSummary[] {
  const filters = options.filters ?? {};
  checkFilterKeys(filters, PS_FILTERS);
  for (const status of filterValues(filters, "status"))
    if (!STATUSES.includes(status)) throw invalidFilter(`status=${status}`);
  for (const health of filterValues(filters, "health"))
    if (!HEALTH.includes(health))
      throw new DrydockError("InvalidArgument", `Unrecognised filter value for health: ${health}`, {
        data: {},
      });
  const exitCodes = filterValues(filters, "exited").map(parseExitCode);
  const limit = options.limit ?? -1;
  const all = options.all === true || filterValues(filters, "status").length > 0 || limit > 0;
  const ordered = ctx.containers.list();
  const beforeIndex = boundaryIndex(ctx, ordered, filterValues(filters, "before"));
  const sinceIndex = boundaryIndex(ctx, ordered, filterValues(filters, "since"));
  const ancestors = ancestorImages(ctx, filterValues(filters, "ancestor"));
  const isTask = booleanFilter(filters, "is-task");
  const portsMatch = portFilters(filters);
  const out: ContainerSummary[] = [];
  for (const [index, container] of ordered.entries()) {
    if (sinceIndex !== undefined && index >= sinceIndex) break;
    if (beforeIndex !== undefined && index <= beforeIndex) continue;
    if (!all && !container.state.running) continue;
    if (
      exitCodes.length > 0 &&
      !(
        exitCodes.includes(container.state.exitCode) &&
        !container.state.running &&
        container.state.startedAtUs !== undefined
      )
    )
      continue;
    if (isTask === true || !matches(ctx, container, filters, ancestors)) continue;
    if (!portsMatch(container)) continue;
    out.push(summarizeContainer(ctx, container, { size: options.size }));
    if (limit > 0 && out.length >= limit) break;
  }
  return out;
}

function matches(
  ctx: DaemonContext,
  container: Container,
  filters: Filters,
  ancestors: Set<Digest> | undefined,
): boolean {
  return (
    anyValue(filters, "id", (value) => container.id.startsWith(value)) &&
    anyValue(filters, "name", (value) => regexMatches(value, container.name)) &&
    anyValue(filters, "status", (value) => stateStatus(container.state) === value) &&
    anyValue(filters, "health", (value) => healthOf(container) === value) &&
    anyValue(filters, "volume", (value) =>
      container.mounts.some(
        (mount) => mount.name === value || mount.destination === value || mount.source === value,
      ),
    ) &&
    anyValue(filters, "network", (value) =>
      container.endpoints.some(
        (endpoint) =>
          endpoint.network === value ||
          (endpoint.networkId !== "" && endpoint.networkId.startsWith(value)) ||
          ctx.networks.find(endpoint.network)?.id === value,
      ),
    ) &&
    (ancestors === undefined || ancestors.has(container.imageId)) &&
    allLabelsMatch(filters, container.config.labels)
  );
}

function parseExitCode(text: string): number {
  if (!/^[+-]?\d+$/.test(text))
    throw new DrydockError("InvalidArgument", `strconv.Atoi: parsing "${text}": invalid syntax`, {
      data: { exited: text },
    });
  return Number(text);
}

/** Where a `before`/`since` container sits in the newest-first order; `no such container x`. */
function boundaryIndex(
  ctx: DaemonContext,
  ordered: readonly Container[],
  values: readonly string[],
): number | undefined {
  const value = values[0];
  if (value === undefined) return undefined;
  const container = ctx.containers.find(value);
  if (container === undefined)
    throw new DrydockError("NotFound", `no such container ${value}`, {
      data: { container: value },
    });
  return ordered.indexOf(container);
}

/** The images given and every image built on them (`ancestor=`), by walking parents. */
function ancestorImages(ctx: DaemonContext, values: readonly string[]): Set<Digest> | undefined {
  if (values.length === 0) return undefined;
  const roots = new Set<Digest>();
  for (const value of values) {
    try {
      roots.add(ctx.images.resolve(value).id);
    } catch {
      // dockerd skips ancestors it cannot find
    }
  }
  const out = new Set<Digest>(roots);
  for (const image of ctx.images.list()) {
    for (
      let current: Digest | undefined = image.id;
      current !== undefined;
      current = ctx.images.parentOf(current)
    ) {
      if (roots.has(current)) {
        out.add(image.id);
        break;
      }
    }
  }
  return out;
}

/** The `health` filter's view of a container: its status, or `none` without a healthcheck. */
function healthOf(container: Container): string {
  return container.state.health?.status ?? "none";
}
