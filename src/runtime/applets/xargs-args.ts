/** xargs options that take a value (busybox 1.35: `-n N -s N -I STR -E STR -P N -d CHAR`). */
const WITH_VALUE = "nsIEPd";

/**
 * busybox's xargs accepts a value attached to its option (`xargs -n1`), as getopt does;
 * just-bash's wants it separate (`-n 1`) and calls `-n1` an invalid option. This splits them,
 * up to the command xargs is to run (its arguments are not xargs's).
 */
export function splitXargsValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--" || !arg.startsWith("-") || arg === "-") return [...out, ...args.slice(index)];
    const attached = /^-([a-zA-Z]*?)([nsIEPd])(.+)$/.exec(arg);
    if (attached !== null && !arg.startsWith("--")) {
      const [, flags, option, value] = attached as unknown as [string, string, string, string];
      if (flags !== "") out.push(`-${flags}`);
      out.push(`-${option}`, value);
      continue;
    }
    out.push(arg);
    const last = arg[arg.length - 1]!;
    if (!arg.startsWith("--") && WITH_VALUE.includes(last) && index + 1 < args.length)
      out.push(args[++index]!);
  }
  return out;
}
