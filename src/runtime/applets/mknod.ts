import { type Applet, done } from "./applet.ts";
import { bbGetopt, isUsageFailure } from "./bb-getopt.ts";
import { parseBbMode } from "./bb-mode.ts";
import { parseBbNumber } from "./bb-number.ts";
import { showUsage, withHelp } from "./bb-usage.ts";
import { errnoOf, strerror } from "./libc-errors.ts";

/** The process umask drydock's shells use (`umask` answers 0022). */
const UMASK = 0o022;

const TYPES: Readonly<Record<string, "block" | "char" | "fifo">> = {
  b: "block",
  c: "char",
  u: "char",
  p: "fifo",
};

/**
 * `mknod [-m MODE] NAME TYPE [MAJOR MINOR]`, busybox 1.35's: a block (`b`), character (`c`, `u`)
 * device or a named pipe (`p`, without numbers), mode 0666 less the umask or exactly MODE.
 * MAJOR is 0..4095 and MINOR 0..1048575, decimal.
 */
export const mknod: Applet = withHelp((argv, ctx, host) => {
  const parsed = bbGetopt("mknod", argv.slice(1), { flags: "m", withValue: "m" });
  if (isUsageFailure(parsed)) return Promise.resolve(parsed);
  const { flags, operands } = parsed;
  const [name, typeLetter = "", ...numbers] = operands;
  const type = TYPES[typeLetter];
  const wanted = type === "fifo" ? 0 : 2;
  if (
    name === undefined ||
    type === undefined ||
    typeLetter.length !== 1 ||
    numbers.length !== wanted
  )
    return Promise.resolve(showUsage("mknod"));
  const device: number[] = [];
  for (const [index, text] of numbers.entries()) {
    const number = parseBbNumber(text, { max: index === 0 ? 4095n : 1048575n });
    if ("error" in number) return Promise.resolve(done("", `mknod: ${number.error}\n`, 1));
    device.push(Number(number.value));
  }
  const modeText = flags.get("m")?.at(-1);
  const mode = modeText === undefined ? 0o666 & ~UMASK : parseBbMode(modeText, 0o666);
  if (mode === undefined)
    return Promise.resolve(done("", `mknod: ${name}: ${strerror("EINVAL")}\n`, 1));
  try {
    host.view.mknod(ctx.fs.resolvePath(ctx.cwd, name), {
      type,
      mode,
      uid: host.identity.uid,
      gid: host.identity.gid,
      nowUs: host.clock.nowUs(),
      ...(device.length === 2 ? { devMajor: device[0]!, devMinor: device[1]! } : {}),
    });
  } catch (error) {
    return Promise.resolve(done("", `mknod: ${name}: ${strerror(errnoOf(error))}\n`, 1));
  }
  return Promise.resolve(done(""));
});
