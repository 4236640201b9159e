/**
 * A listening server on the simulated network (a registry, a token server): its name and the
 * `ip:port` Go's errors name when a dial to it fails. Only its `Network` takes it down or up.
 */
export class NetEndpoint {
  readonly name: string;
  /** `127.0.0.1:5000`, `10.0.1.1:443`: what `dial tcp …` messages print. */
  readonly address: string;
  #up = true;

  constructor(options: { name: string; address: string }) {
    this.name = options.name;
    this.address = options.address;
  }

  /** Whether the server accepts connections. */
  get isUp(): boolean {
    return this.#up;
  }

  /** @internal Called by `Network.setUp`. */
  setUp(up: boolean): void {
    this.#up = up;
  }
}
