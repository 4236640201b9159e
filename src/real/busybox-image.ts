/**
 * The real side's offline base image, made like the simulator's: Debian's busybox-static copied
 * into an empty image and `--install`ed, so nothing is ever pulled from Docker Hub.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { DockerCli } from "./docker-cli.ts";

/** The Dockerfile of the base image; `busybox` sits next to it in the build context. */
export const BUSYBOX_DOCKERFILE: string =
  'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nCMD ["sh"]\n';

/** Builds the base image on one daemon (classic builder, `--pull=false`); context goes in `contextDir`. */
export async function buildBusyboxImage(options: {
  docker: DockerCli;
  busybox: string;
  contextDir: string;
  tag?: string;
}): Promise<void> {
  mkdirSync(options.contextDir, { recursive: true });
  copyFileSync(options.busybox, join(options.contextDir, "busybox"));
  writeFileSync(join(options.contextDir, "Dockerfile"), BUSYBOX_DOCKERFILE);
  const tag = options.tag ?? "busybox:latest";
  await options.docker(["build", "-q", "--pull=false", "-t", tag, options.contextDir]);
}
