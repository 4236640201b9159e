/**
 * A registry stand-in for world tests: answers `GET /v2/` and `GET /v2/bytes/<n>` (n zero
 * bytes), keeps a log of what it was asked (with the `host` header), and snapshots its log so a
 * restart can show that state survived. Push and pull are tested with the real registry server.
 */

import type { RegistryRequest, RegistryResponse } from "../../../src/registry/registry-http.ts";
import type { RegistryServer, RegistryServerOptions } from "../../../src/world/registry-server.ts";

export class TinyRegistry implements RegistryServer {
  readonly log: string[];
  readonly boot: number;

  constructor(options: RegistryServerOptions) {
    const restored = options.restore as { log: string[]; boot: number } | undefined;
    this.log = [...(restored?.log ?? options.images.map((image) => `seeded ${image.reference}`))];
    this.boot = (restored?.boot ?? -1) + 1;
    options.tracer.emit({ kind: "registry.server.ready", data: { boot: this.boot } });
  }

  async handle(request: RegistryRequest): Promise<RegistryResponse> {
    this.log.push(`${request.method} ${request.target}`);
    const bytes = /^\/v2\/bytes\/(\d+)$/.exec(request.target);
    if (request.target === "/v2/" || bytes !== null)
      return { status: 200, headers: {}, body: new Uint8Array(Number(bytes?.[1] ?? 0)) };
    return { status: 404, headers: {}, body: new Uint8Array() };
  }

  snapshot(): unknown {
    return { log: [...this.log], boot: this.boot };
  }
}

export const tinyRegistry = (options: RegistryServerOptions): TinyRegistry =>
  new TinyRegistry(options);
