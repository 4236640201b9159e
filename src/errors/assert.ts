/**
 * A programmer error: an invariant that does not hold. Unlike `DrydockError` it is not part of
 * any API, domain code never catches it, and a simulation run that throws one ends with its seed.
 */
export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssertionError";
  }
}

/** Asserts an invariant. The message says what should have been true. */
export function assert(condition: unknown, message = "assertion failed"): asserts condition {
  if (!condition) throw new AssertionError(message);
}

/** Marks a branch the type system proves unreachable (exhaustive switches). */
export function unreachable(value: never, message = "unreachable"): never {
  throw new AssertionError(`${message}: ${JSON.stringify(value)}`);
}
