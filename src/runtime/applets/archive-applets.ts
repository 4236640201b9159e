import type { Applet } from "./applet.ts";

/** busybox's decompressors and archivers (bunzip2, unxz, unzip, cpio, …), as drydock implements them. */
export const ARCHIVE_APPLETS: Readonly<Record<string, Applet>> = {};
