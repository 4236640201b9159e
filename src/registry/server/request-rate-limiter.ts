/** Clients tracked at once; the oldest second's counters are dropped first. */
const CLIENT_COUNT_MAX = 10_000;

/**
 * Counts requests per client per virtual second (a fixed window, as simple rate limiters do):
 * beyond `perSecondMax` in one second the registry answers `TOOMANYREQUESTS`.
 */
export class RequestRateLimiter {
  readonly #perSecondMax: number;
  readonly #counts = new Map<string, { second: number; count: number }>();

  constructor(options: { perSecondMax: number }) {
    this.#perSecondMax = options.perSecondMax;
  }

  /** Records a request; false when the client is over its limit this second. */
  admit(client: string, nowUs: number): boolean {
    if (this.#perSecondMax <= 0) return true;
    const second = Math.floor(nowUs / 1_000_000);
    const entry = this.#counts.get(client);
    if (entry === undefined || entry.second !== second) {
      if (entry === undefined && this.#counts.size >= CLIENT_COUNT_MAX) this.#forgetOld(second);
      this.#counts.set(client, { second, count: 1 });
      return true;
    }
    entry.count++;
    return entry.count <= this.#perSecondMax;
  }

  #forgetOld(second: number): void {
    for (const [client, entry] of this.#counts)
      if (entry.second !== second) this.#counts.delete(client);
    if (this.#counts.size >= CLIENT_COUNT_MAX) this.#counts.clear();
  }
}
