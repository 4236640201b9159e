/** One C printf conversion: `%[flags][width][.precision]conv`. */
export interface CSpec {
  /** Any of `-+ #0`. */
  readonly flags: string;
  readonly width?: number;
  readonly precision?: number;
  /** One of `diouxXcseEfgG`. */
  readonly conv: string;
}

/** The most characters one conversion may produce: bounds a hostile `%99999999d`. */
const MAX_FIELD = 4096;

/**
 * Formats one value as glibc's printf would for `spec`: integers (number or bigint, already
 * signed or unsigned as the caller wants), a byte for `%c` (latin1), a string for `%s`, a
 * double for the floating conversions.
 */
export function formatC(spec: CSpec, value: number | bigint | string): string {
  const width = Math.min(spec.width ?? 0, MAX_FIELD);
  const precision = spec.precision === undefined ? undefined : Math.min(spec.precision, MAX_FIELD);
  const { flags, conv } = spec;
  if (conv === "c") return pad(String.fromCharCode(Number(value) & 0xff), width, flags);
  if (conv === "s") {
    const text = String(value);
    return pad(precision === undefined ? text : text.slice(0, precision), width, flags);
  }
  if ("eEfgG".includes(conv)) return formatDouble(Number(value), conv, flags, width, precision);
  return formatInteger(BigInt(value), conv, flags, width, precision);
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  const fill = " ".repeat(width - text.length);
  return flags.includes("-") ? text + fill : fill + text;
}

/** Pads sign + prefix + digits to the width, with zeros after the prefix when `0` applies. */
function padNumber(sign: string, digits: string, width: number, flags: string, zero: boolean) {
  const length = sign.length + digits.length;
  if (zero && !flags.includes("-") && length < width)
    return sign + "0".repeat(width - length) + digits;
  return pad(sign + digits, width, flags);
}

function formatInteger(
  value: bigint,
  conv: string,
  flags: string,
  width: number,
  precision: number | undefined,
): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const radix = conv === "o" ? 8 : conv === "x" || conv === "X" ? 16 : 10;
  let digits = magnitude.toString(radix);
  if (conv === "X") digits = digits.toUpperCase();
  if (precision !== undefined)
    digits = magnitude === 0n && precision === 0 ? "" : digits.padStart(precision, "0");
  let sign = "";
  if (conv === "d" || conv === "i")
    sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  if (flags.includes("#")) {
    if (conv === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    if ((conv === "x" || conv === "X") && magnitude !== 0n) sign = conv === "x" ? "0x" : "0X";
  }
  return padNumber(sign, digits, width, flags, flags.includes("0") && precision === undefined);
}

function formatDouble(
  value: number,
  conv: string,
  flags: string,
  width: number,
  precision: number | undefined,
): string {
  const upper = conv === "E" || conv === "G";
  const negative = value < 0 || Object.is(value, -0);
  const sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
  if (!Number.isFinite(value)) {
    const text = Number.isNaN(value) ? "nan" : "inf";
    return pad(sign + (upper ? text.toUpperCase() : text), width, flags);
  }
  const magnitude = Math.abs(value);
  const digitsAfter = Math.min(precision ?? 6, 100);
  let body: string;
  if (conv === "f") body = fixed(magnitude, digitsAfter);
  else if (conv === "e" || conv === "E") body = exponential(magnitude, digitsAfter);
  else body = general(magnitude, digitsAfter, flags.includes("#"));
  if (upper) body = body.toUpperCase();
  return padNumber(sign, body, width, flags, flags.includes("0"));
}

/** `%f`: toFixed, which switches to exponent form past 1e21, so larger values go through BigInt. */
function fixed(magnitude: number, digitsAfter: number): string {
  if (magnitude < 1e21) return magnitude.toFixed(digitsAfter);
  const whole = BigInt(magnitude).toString();
  return digitsAfter === 0 ? whole : `${whole}.${"0".repeat(digitsAfter)}`;
}

/** `%e`: C writes at least two exponent digits (`1.0e+05`, not JavaScript's `1.0e+5`). */
function exponential(magnitude: number, digitsAfter: number): string {
  const [mantissa, exponent] = magnitude.toExponential(digitsAfter).split("e") as [string, string];
  const sign = exponent.startsWith("-") ? "-" : "+";
  return `${mantissa}e${sign}${exponent.replace(/^[-+]/, "").padStart(2, "0")}`;
}

/** `%g`: `%e` or `%f` by the exponent, then trailing zeros dropped unless `#`. */
function general(magnitude: number, precision: number, alternate: boolean): string {
  const significant = precision === 0 ? 1 : precision;
  const exponent =
    magnitude === 0 ? 0 : Number(magnitude.toExponential(significant - 1).split("e")[1]);
  const body =
    exponent < -4 || exponent >= significant
      ? exponential(magnitude, significant - 1)
      : fixed(magnitude, significant - 1 - exponent);
  if (alternate) return body;
  const [mantissa, suffix = ""] = body.split("e") as [string, string?];
  const trimmed = mantissa.includes(".") ? mantissa.replace(/\.?0+$/, "") : mantissa;
  return suffix === "" ? trimmed : `${trimmed}e${suffix}`;
}
