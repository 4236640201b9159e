/**
 * The push/pull world with drydock's `MemRegistry` at `localhost:5000` in place of the registry
 * double, reached through an in-memory transport; exchanges are journalled as the double's are.
 */
import { SeededRng } from "../../../../src/random/rng.ts";
import type { RegistryTransport } from "../../../../src/registry/registry-http.ts";
import { MemRegistry } from "../../../../src/registry/server/mem-registry.ts";
import { type Exchange, handlerTransport } from "../../registry/client/fake-registry.ts";
import { createWorld, type PushPullWorld } from "../push-pull-world.ts";

/** A world whose `localhost:5000` is a `MemRegistry`. */
export interface MemRegistryWorld extends PushPullWorld {
  readonly mem: MemRegistry;
  /** The registry's exchanges, upload UUIDs rewritten as the double names them (`upload-N`). */
  readonly memJournal: Exchange[];
}

export function createMemRegistryWorld(
  options: { wrap?: (inner: RegistryTransport) => RegistryTransport } = {},
): MemRegistryWorld {
  const world = createWorld();
  const mem = new MemRegistry({
    name: "localhost:5000",
    clock: world.loop.clock,
    rng: SeededRng.fromSeed("mem-registry"),
  });
  const memJournal: Exchange[] = [];
  const uploads = new Map<string, string>();
  const inner = handlerTransport(mem);
  const journalled: RegistryTransport = {
    async send(request, sendOptions) {
      const response = await inner.send(request, sendOptions);
      const target = request.target.replace(
        /\/uploads\/([0-9a-f-]{36})/,
        (_whole, uuid: string) => {
          if (!uploads.has(uuid)) uploads.set(uuid, `upload-${uploads.size + 1}`);
          return `/uploads/${uploads.get(uuid)}`;
        },
      );
      memJournal.push({
        server: "registry",
        request: { ...request, target },
        status: response.status,
      });
      return response;
    },
  };
  world.transports.set("localhost:5000", options.wrap?.(journalled) ?? journalled);
  return Object.assign(world, { mem, memJournal });
}
