import type { Rng } from "../random/rng.ts";

/** Reading `/dev/zero` or `/dev/full` gives this much: a file read must end somewhere. */
export const ZERO_READ_BYTES = 1024 * 1024;
/** Reading `/dev/urandom` or `/dev/random` gives this much seeded randomness. */
export const RANDOM_READ_BYTES = 64 * 1024;

/** An error with a POSIX errno the filesystem's closed set has no entry for. */
export class DeviceError extends Error {
  readonly errno: string;
  constructor(errno: string, description: string, path: string) {
    super(`${errno}: ${path}: ${description}`);
    this.name = "DeviceError";
    this.errno = errno;
  }
}

/**
 * What reading and writing a character device does, by device number, as the kernel's memory
 * devices behave: null discards and reads empty, zero reads zeros, full fails writes with
 * ENOSPC, random/urandom read from the container's seeded `Rng`.
 */
export class DeviceIo {
  readonly #rng: Rng;

  constructor(options: { rng: Rng }) {
    this.#rng = options.rng;
  }

  read(major: number, minor: number, path: string): Uint8Array {
    if (major === 1) {
      if (minor === 3) return new Uint8Array(0);
      if (minor === 5 || minor === 7) return new Uint8Array(ZERO_READ_BYTES);
      if (minor === 8 || minor === 9) return this.#rng.bytes(RANDOM_READ_BYTES);
    }
    throw new DeviceError("ENXIO", "No such device or address", path);
  }

  write(major: number, minor: number, path: string): void {
    if (major === 1 && minor === 7) {
      throw new DeviceError("ENOSPC", "No space left on device", path);
    }
    if (major === 1 && [3, 5, 8, 9].includes(minor)) return;
    throw new DeviceError("ENXIO", "No such device or address", path);
  }
}
