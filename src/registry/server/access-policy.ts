import { LimitExceededError } from "../../errors/limit-exceeded-error.ts";

/** Who may pull and push a repository. `*` in a list means any signed-in user. */
export interface RepositoryAccess {
  /** Anyone, signed in or not, may pull. */
  readonly public?: boolean;
  readonly pull?: readonly string[];
  /** Push implies pull (and delete). */
  readonly push?: readonly string[];
}

/** Options of an `AccessPolicy`. */
export interface AccessPolicyOptions {
  /** User name → password. */
  readonly users?: Readonly<Record<string, string>>;
  /**
   * Repository → access. Keys are exact names, `prefix/*` (every repository under it, the longest
   * prefix wins) or `*`. Unmatched repositories get `defaults`.
   */
  readonly repositories?: Readonly<Record<string, RepositoryAccess>>;
  /** Default: public, pushable by any signed-in user. */
  readonly defaults?: RepositoryAccess;
}

const USER_COUNT_MAX = 10_000;

/**
 * A token server's rules: users with passwords, per-repository pull and push grants, public
 * repositories pullable anonymously (Docker Hub's `library/*`). What a caller asks for and may
 * not have is simply left out of the token, as distribution's token servers do; the registry
 * then answers `insufficient_scope`.
 */
export class AccessPolicy {
  readonly #users: ReadonlyMap<string, string>;
  readonly #rules: ReadonlyMap<string, RepositoryAccess>;
  readonly #defaults: RepositoryAccess;

  constructor(options: AccessPolicyOptions = {}) {
    const users = Object.entries(options.users ?? {});
    if (users.length > USER_COUNT_MAX)
      throw new LimitExceededError({
        what: "users of an access policy",
        limit: USER_COUNT_MAX,
        actual: users.length,
      });
    this.#users = new Map(users);
    this.#rules = new Map(Object.entries(options.repositories ?? {}));
    this.#defaults = options.defaults ?? { public: true, push: ["*"] };
  }

  /** Whether the user exists and the password is theirs. */
  authenticate(username: string, password: string): boolean {
    return this.#users.has(username) && this.#users.get(username) === password;
  }

  /**
   * The actions of `wanted` that `user` (undefined: anonymous) gets on a resource.
   * `registry:catalog:*` is for signed-in users.
   */
  granted(
    user: string | undefined,
    resource: { type: string; name: string },
    wanted: readonly string[],
  ): string[] {
    if (resource.type === "registry")
      return user === undefined ? [] : wanted.filter((a) => a === "*");
    if (resource.type !== "repository") return [];
    const access = this.#ruleFor(resource.name);
    const listed = (list: readonly string[] | undefined): boolean =>
      user !== undefined && (list ?? []).some((entry) => entry === "*" || entry === user);
    const push = listed(access.push);
    const pull = push || access.public === true || listed(access.pull);
    return wanted.filter((action) =>
      action === "pull" ? pull : action === "push" || action === "delete" ? push : false,
    );
  }

  #ruleFor(name: string): RepositoryAccess {
    const exact = this.#rules.get(name);
    if (exact !== undefined) return exact;
    let best: { length: number; access: RepositoryAccess } | undefined;
    for (const [pattern, access] of this.#rules) {
      if (!pattern.endsWith("*")) continue;
      const prefix = pattern.slice(0, -1);
      if (name.startsWith(prefix) && (best === undefined || prefix.length > best.length))
        best = { length: prefix.length, access };
    }
    return best?.access ?? this.#defaults;
  }
}
