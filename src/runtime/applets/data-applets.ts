import type { Applet } from "./applet.ts";

/** busybox's byte and file tools (dd, cmp, hexdump, xxd, checksums, …), as drydock implements them. */
export const DATA_APPLETS: Readonly<Record<string, Applet>> = {};
