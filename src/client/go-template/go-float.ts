/**
 * Go's `strconv.FormatFloat` for the verbs templates and size formatting use (`%v`, `%g`, `%e`,
 * `%f`, with or without a precision). Rounding works on the double's exact decimal expansion,
 * so ties go to even as in Go (`%.3g` of 1.125 is `1.12`; JavaScript's `toPrecision` says 1.13).
 */
export function formatGoFloat(value: number, verb: "g" | "e" | "f", precision?: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  const negative = value < 0 || Object.is(value, -0);
  const body = formatMagnitude(Math.abs(value), verb, precision);
  return negative ? `-${body}` : body;
}

/** A decimal 0.d1d2d3… × 10^point, digits without leading zeros ("" for zero). */
interface Decimal {
  readonly digits: string;
  readonly point: number;
}

function formatMagnitude(value: number, verb: "g" | "e" | "f", precision?: number): string {
  if (verb === "f") {
    const exact = exactDecimal(value);
    const fractionDigits = precision ?? 6;
    return fixed(round(exact, exact.point + fractionDigits), fractionDigits);
  }
  if (verb === "e") {
    const fractionDigits = precision ?? 6;
    return exponential(round(exactDecimal(value), fractionDigits + 1), fractionDigits);
  }
  const shortest = precision === undefined;
  const decimal = shortest
    ? shortestDecimal(value)
    : round(exactDecimal(value), Math.max(precision, 1));
  const digits = decimal.digits;
  const count = digits.length;
  // strconv's 'g': %e when the exponent is < -4 or >= the precision; the shortest form decides
  // with precision 6, which is why Go prints 1e+06 for a million.
  let limit = shortest ? 6 : Math.max(precision, 1);
  if (!shortest && limit > count && count >= decimal.point) limit = count;
  const exponent = decimal.point - 1;
  if (exponent < -4 || exponent >= limit) {
    return exponential(decimal, Math.max(count - 1, 0));
  }
  let kept = shortest ? count : Math.max(precision, 1);
  if (kept > decimal.point) kept = count;
  return fixed(decimal, Math.max(kept - decimal.point, 0));
}

function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: "", point: 0 };
  const [mantissa = "0", exponent = "0"] = value.toExponential().split("e");
  return { digits: mantissa.replace(".", ""), point: Number(exponent) + 1 };
}

/** The exact decimal expansion of a finite, non-negative double. */
function exactDecimal(value: number): Decimal {
  if (value === 0) return { digits: "", point: 0 };
  let scaled = value;
  let twos = 0;
  while (!Number.isInteger(scaled)) {
    scaled *= 2;
    twos++;
  }
  // value = scaled / 2^twos = scaled * 5^twos / 10^twos
  const text = (BigInt(scaled) * 5n ** BigInt(twos)).toString();
  const digits = text.replace(/0+$/, "");
  return { digits, point: text.length - twos };
}

/** Rounds to `keep` significant digits (counted from the first), exact ties to even. */
function round(decimal: Decimal, keep: number): Decimal {
  const { digits, point } = decimal;
  if (keep < 0) return { digits: "", point };
  if (digits.length <= keep) return decimal;
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const first = rest.charCodeAt(0) - 48;
  const tie = first === 5 && /^50*$/.test(rest);
  const lastEven = head === "" || (head.charCodeAt(head.length - 1) - 48) % 2 === 0;
  const up = first > 5 || (first === 5 && !tie) || (tie && !lastEven);
  if (!up) return { digits: head.replace(/0+$/, ""), point };
  if (head === "") return { digits: "1", point: point + 1 };
  const bumped = (BigInt(head) + 1n).toString();
  if (bumped.length > head.length) return { digits: bumped.replace(/0+$/, ""), point: point + 1 };
  return { digits: bumped.replace(/0+$/, ""), point };
}

function exponential(decimal: Decimal, fractionDigits: number): string {
  const all = decimal.digits.padEnd(fractionDigits + 1, "0").slice(0, fractionDigits + 1);
  const exponentValue = decimal.digits === "" ? 0 : decimal.point - 1;
  const sign = exponentValue < 0 ? "-" : "+";
  const exponent = String(Math.abs(exponentValue)).padStart(2, "0");
  const tail = all.slice(1);
  return `${all.slice(0, 1)}${tail === "" ? "" : `.${tail}`}e${sign}${exponent}`;
}

function fixed(decimal: Decimal, fractionDigits: number): string {
  const { digits, point } = decimal;
  const integer = point <= 0 ? "0" : digits.slice(0, point).padEnd(point, "0");
  const fraction = point >= 0 ? digits.slice(point) : `${"0".repeat(-point)}${digits}`;
  const padded = fraction.padEnd(fractionDigits, "0").slice(0, fractionDigits);
  return fractionDigits === 0 ? integer : `${integer}.${padded}`;
}
