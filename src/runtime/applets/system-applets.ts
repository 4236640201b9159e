import type { Applet } from "./applet.ts";

/** busybox's system and process tools (df, free, uptime, killall, mount, …), as drydock implements them. */
export const SYSTEM_APPLETS: Readonly<Record<string, Applet>> = {};
