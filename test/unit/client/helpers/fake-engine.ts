import type { Engine } from "../../../../src/engine/engine.ts";

/**
 * A test double of the Engine: only the methods a test gives exist; calling any other fails the
 * test with the method's name, so a command never silently uses an API the test did not expect.
 * `calls` records every call with its arguments.
 */
export function fakeEngine(
  methods: Partial<Engine>,
): Engine & { readonly calls: [string, unknown[]][] } {
  const calls: [string, unknown[]][] = [];
  return new Proxy({ calls } as unknown as Engine & { calls: [string, unknown[]][] }, {
    get(target, property) {
      if (property === "calls") return calls;
      if (typeof property !== "string") return undefined;
      const method = (methods as Record<string, unknown>)[property];
      if (typeof method !== "function") {
        if (property === "then") return undefined;
        return () => {
          throw new Error(`fake engine: ${property} was not expected`);
        };
      }
      return (...args: unknown[]) => {
        calls.push([property, args]);
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** An async iterable over the given items. */
export async function* iterate<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}
