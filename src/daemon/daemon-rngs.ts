import { type Rng, type RngState, SeededRng } from "../random/rng.ts";

/** The daemon's random streams, one per concern, so one concern's draws never shift another's. */
export const RNG_STREAMS = [
  "container-ids",
  "container-names",
  "pids",
  "exec-ids",
  "volume-names",
  "network-ids",
  "endpoint-ids",
] as const;

/** The name of one of the daemon's random streams. */
export type RngStream = (typeof RNG_STREAMS)[number];

/** Where each stream stands: the part of a daemon's state that keeps IDs unique. */
export type RngPositions = Readonly<Partial<Record<RngStream, RngState>>>;

/** The daemon's streams, forked from a root generator and resumable from saved states. */
export class DaemonRngs {
  readonly #streams = new Map<RngStream, Rng>();

  constructor(options: { root: Rng; positions?: RngPositions }) {
    for (const stream of RNG_STREAMS) {
      const saved = options.positions?.[stream];
      this.#streams.set(
        stream,
        saved === undefined ? options.root.fork(stream) : SeededRng.restore(saved),
      );
    }
  }

  get(stream: RngStream): Rng {
    return this.#streams.get(stream)!;
  }

  positions(): RngPositions {
    return Object.fromEntries(RNG_STREAMS.map((stream) => [stream, this.get(stream).snapshot()]));
  }
}

/**
 * A 64-hex ID as dockerd's `stringid.GenerateRandomID` makes them: drawn again when its 12-digit
 * short form would be all digits (the CLI would read it as a number). `taken` rejects collisions.
 */
export function randomId(rng: Rng, taken: (id: string) => boolean = () => false): string {
  for (;;) {
    const id = rng.hex(64);
    if (/^\d{12}/.test(id) || taken(id)) continue;
    return id;
  }
}
