/**
 * go-units' `RAMInBytes`, which the docker CLI's `bytes` flags (`--memory`, `--memory-swap`)
 * use: a decimal number, an optional space, and an optional binary suffix (`k`, `m`, `g`, `t`,
 * `p`, any case, optionally followed by `b` or `ib`). Returns the size or the reason it is bad.
 */
export function parseMemoryBytes(text: string): number | { readonly error: string } {
  let split = -1;
  for (let index = text.length - 1; index >= 0; index--) {
    if ("0123456789. ".includes(text[index]!)) {
      split = index;
      break;
    }
  }
  if (split < 0) return { error: `invalid size: '${text}'` };
  const number = text[split] === " " ? text.slice(0, split) : text.slice(0, split + 1);
  const suffix = text.slice(split + 1).toLowerCase();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number))
    return { error: `strconv.ParseFloat: parsing ${JSON.stringify(number)}: invalid syntax` };
  const size = Number(number);
  if (size < 0) return { error: `invalid size: '${text}'` };
  if (suffix === "" || suffix === "b") return Math.trunc(size);
  const power = "kmgtp".indexOf(suffix[0]!) + 1;
  const tail = suffix.slice(1);
  if (power === 0 || suffix.length > 3 || !(tail === "" || tail === "b" || tail === "ib"))
    return { error: `invalid suffix: '${suffix}'` };
  return Math.trunc(size * 1024 ** power);
}

/**
 * The docker CLI's `--cpus` (`opts.NanoCPUs`): a rational number of CPUs as nano-CPUs; more
 * than nine decimals is `value is too precise`.
 */
export function parseNanoCpus(text: string): number | { readonly error: string } {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (match === null || (match[2] === "" && (match[3] ?? "") === ""))
    return { error: `failed to parse ${text} as a rational number` };
  const [, sign = "", whole = "", fraction = ""] = match;
  if (fraction.replace(/0+$/, "").length > 9) return { error: "value is too precise" };
  const nanos = Number(whole || "0") * 1e9 + Number(fraction.padEnd(9, "0").slice(0, 9));
  return sign === "-" ? -nanos : nanos;
}
