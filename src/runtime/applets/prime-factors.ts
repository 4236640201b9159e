/** Witnesses that make Miller–Rabin exact for every n < 3.3·10^24, so for all 64-bit numbers. */
const WITNESSES = [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n];

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

/** Deterministic Miller–Rabin for 64-bit numbers. */
export function isPrime64(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of WITNESSES) if (n % p === 0n) return n === p;
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  return WITNESSES.every((a) => {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) return true;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) return true;
    }
    return false;
  });
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** A non-trivial factor of the odd composite `n` (Pollard's rho, Brent's cycle finding). */
function rhoFactor(n: bigint): bigint {
  for (let c = 1n; ; c++) {
    const step = (x: bigint) => (x * x + c) % n;
    let x = 2n;
    let y = 2n;
    let d = 1n;
    for (let power = 1, length = 0; d === 1n; length++) {
      if (length === power) {
        x = y;
        power *= 2;
        length = 0;
      }
      y = step(y);
      d = gcd(x > y ? x - y : y - x, n);
    }
    if (d !== n) return d;
  }
}

/** The prime factors of `n` (0 and 1 have none), smallest first, with repeats. */
export function primeFactors(n: bigint): bigint[] {
  const factors: bigint[] = [];
  let rest = n;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n]) {
    while (rest > 1n && rest % p === 0n) {
      factors.push(p);
      rest /= p;
    }
  }
  const pending = rest > 1n ? [rest] : [];
  while (pending.length > 0) {
    const m = pending.pop()!;
    if (isPrime64(m)) factors.push(m);
    else {
      const d = rhoFactor(m);
      pending.push(d, m / d);
    }
  }
  return factors.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
