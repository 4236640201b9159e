import { assert } from "../errors/assert.ts";
import type { Channel } from "./flow-scheduler.ts";

/** A link's latency and bandwidth, which a fault can change from an instant on. */
export interface LinkShape {
  /** One-way latency, in microseconds. */
  readonly latencyUs: number;
  /** Bandwidth of each direction (links are full duplex), in bytes per second. */
  readonly bandwidthBytesPerSecond: number;
}

/**
 * A full-duplex network link between two ends `a` and `b`: `forward` carries a→b, `reverse`
 * b→a, each at the link's bandwidth, shared fairly by the transfers crossing it. Only the
 * `Network` that made a link changes it, so transfers in flight always see the change.
 */
export class Link {
  readonly name: string;
  readonly forward: Channel;
  readonly reverse: Channel;
  #shape: LinkShape;
  #cut = false;

  constructor(options: { name: string; ids: readonly [number, number]; shape: LinkShape }) {
    checkShape(options.shape);
    this.name = options.name;
    this.#shape = options.shape;
    const link = this;
    const channel = (id: number): Channel => ({
      id,
      get capacityBytesPerSecond(): number {
        return link.#shape.bandwidthBytesPerSecond;
      },
    });
    this.forward = channel(options.ids[0]);
    this.reverse = channel(options.ids[1]);
  }

  get latencyUs(): number {
    return this.#shape.latencyUs;
  }

  get bandwidthBytesPerSecond(): number {
    return this.#shape.bandwidthBytesPerSecond;
  }

  /** Whether the link is cut: nothing crosses it until it is restored. */
  get isCut(): boolean {
    return this.#cut;
  }

  /** @internal Called by `Network.reshape`. */
  setShape(shape: Partial<LinkShape>): void {
    const next = { ...this.#shape, ...definedOnly(shape) };
    checkShape(next);
    this.#shape = next;
  }

  /** @internal Called by `Network.cut` and `Network.restore`. */
  setCut(cut: boolean): void {
    this.#cut = cut;
  }
}

function checkShape(shape: LinkShape): void {
  assert(Number.isSafeInteger(shape.latencyUs) && shape.latencyUs >= 0, "latency: integer µs >= 0");
  assert(
    Number.isFinite(shape.bandwidthBytesPerSecond) && shape.bandwidthBytesPerSecond > 0,
    "bandwidth must be a positive number of bytes per second",
  );
}

function definedOnly(shape: Partial<LinkShape>): Partial<LinkShape> {
  return Object.fromEntries(Object.entries(shape).filter(([, value]) => value !== undefined));
}
