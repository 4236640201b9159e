import { formatIpv4, inetAton } from "../net/ipv4-text.ts";
import { reverseLookup } from "../net/name-lookup.ts";
import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { showUsage } from "./bb-usage.ts";

/*
 * busybox 1.35 `ipcalc`: pure arithmetic on inet_aton's reading of the address, checked
 * against /bin/busybox on the build machine (`ipcalc -bnmp 192.168.1.77/20`, `ipcalc -n 1.2.3`,
 * `ipcalc -p 10.1.2.3 255.0.255.0`, `ipcalc -n 1.2.3.4/8 255.0.0.0`, `ipcalc -pn 1.2.3.4/x`).
 */

const LONG = ["netmask", "broadcast", "network", "prefix", "hostname", "silent"];

/** `ipcalc [-bnmphs] ADDRESS[/PREFIX] [NETMASK]`. */
export const ipcalc: Applet = async (argv, _ctx, host) => {
  const parsed = bbGetopt("ipcalc", argv.slice(1), { flags: "mbnphs", long: LONG });
  if (isUsageFailure(parsed)) return parsed;
  const has = (flag: string) =>
    parsed.flags.has(flag) || parsed.flags.has(LONG["mbnphs".indexOf(flag)]!);
  const operands = parsed.operands;
  if (!["m", "b", "n", "p", "h"].some(has) || operands.length < 1 || operands.length > 2)
    return showUsage("ipcalc");
  const silent = has("s");
  const die = (message: string) => done("", silent ? "" : `ipcalc: ${message}\n`, 1);
  let text = operands[0]!;
  let netmask: number | undefined;
  const slash = text.indexOf("/");
  if (slash >= 0) {
    const prefixText = text.slice(slash + 1);
    text = text.slice(0, slash);
    if (prefixText !== "") {
      if (!/^\d+$/.test(prefixText)) return die(`invalid number '${prefixText}'`);
      const prefix = Number(prefixText);
      if (prefix > 32) return die(`number ${prefixText} is not in 0..32 range`);
      netmask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    }
  }
  const address = inetAton(text);
  if (address === undefined) return die(`bad IP address: ${operands[0]}`);
  if (operands[1] !== undefined) {
    if (netmask !== undefined) return die("use prefix or netmask, not both");
    netmask = inetAton(operands[1]);
    if (netmask === undefined) return die(`bad netmask: ${operands[1]}`);
  }
  const mask = netmask ?? classfulMask(address);
  let out = "";
  if (has("m")) out += `NETMASK=${formatIpv4(mask)}\n`;
  if (has("b")) out += `BROADCAST=${formatIpv4(((address & mask) | ~mask) >>> 0)}\n`;
  if (has("n")) out += `NETWORK=${formatIpv4((address & mask) >>> 0)}\n`;
  // busybox counts the mask's set bits, so 255.0.255.0 is PREFIX=16.
  if (has("p")) out += `PREFIX=${mask.toString(2).replace(/0/g, "").length}\n`;
  if (has("h")) {
    const name = reverseLookup(host, formatIpv4(address));
    if (name === undefined) {
      const message = silent
        ? ""
        : `ipcalc: can't find hostname for ${operands[0]}: Unknown host\n`;
      return done(out, message, 1);
    }
    out += `HOSTNAME=${name.toLowerCase()}\n`;
  }
  return done(out);
};

/** The netmask of the address's class: A below 128, B below 192, C above. */
function classfulMask(address: number): number {
  const first = address >>> 24;
  return first < 128 ? 0xff000000 : first < 192 ? 0xffff0000 : 0xffffff00;
}
