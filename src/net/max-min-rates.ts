import { assert } from "../errors/assert.ts";

/**
 * Max-min fair rates (progressive filling) for flows over shared resources: every flow gets the
 * same share of each resource it crosses until a resource is full; the flows a full resource
 * limits are frozen at that share, and the rest keep growing. The classic fluid model of TCP
 * flows sharing links: two pulls from one registry each get half its uplink, and a flow that a
 * slow link holds back leaves the rest to the others.
 *
 * `paths[i]` lists the resource indexes flow `i` crosses; `capacities[r]` is resource `r`'s
 * capacity (bytes per second). Ties between equally limiting resources go to the lowest index,
 * so the result never depends on anything but the inputs.
 */
export function maxMinRates(
  paths: readonly (readonly number[])[],
  capacities: readonly number[],
): number[] {
  const rates = paths.map(() => 0);
  const remaining = capacities.slice();
  const unfrozen = new Set<number>();
  for (const [flow, path] of paths.entries()) {
    assert(path.length > 0, "a flow crosses at least one resource");
    for (const resource of path) assert(resource < capacities.length, "unknown resource");
    unfrozen.add(flow);
  }
  // Each round freezes at least one flow, so the loop ends after at most paths.length rounds.
  while (unfrozen.size > 0) {
    const counts = capacities.map(() => 0);
    for (const flow of unfrozen) for (const resource of paths[flow]!) counts[resource]!++;
    let bottleneck = -1;
    let share = Number.POSITIVE_INFINITY;
    for (const [resource, count] of counts.entries()) {
      if (count === 0) continue;
      const candidate = Math.max(0, remaining[resource]!) / count;
      if (candidate < share) {
        share = candidate;
        bottleneck = resource;
      }
    }
    assert(bottleneck >= 0, "an unfrozen flow crosses some resource");
    for (const flow of [...unfrozen]) {
      const path = paths[flow]!;
      if (!path.includes(bottleneck)) continue;
      rates[flow] = share;
      unfrozen.delete(flow);
      for (const resource of path) remaining[resource] = remaining[resource]! - share;
    }
  }
  return rates;
}
