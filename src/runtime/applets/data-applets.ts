import type { Applet } from "./applet.ts";
import { cmp } from "./cmp.ts";
import { dd } from "./dd.ts";

/** busybox's byte and file tools (dd, cmp, hexdump, xxd, checksums, …), as drydock implements them. */
export const DATA_APPLETS: Readonly<Record<string, Applet>> = {
  cmp,
  dd,
};
