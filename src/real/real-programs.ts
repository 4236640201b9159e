/** Finds the programs the real side needs, or says why it cannot run on this machine. */
import { findCommand } from "./find-command.ts";

/** Absolute paths of the programs a set of daemons and registries runs. */
export interface RealPrograms {
  readonly dockerd: string;
  readonly cli: string;
  /** Empty when no registry was asked for. */
  readonly registry: string;
  /** Empty when no base image was asked for. */
  readonly busybox: string;
}

/** The programs' paths, or why the real side cannot run here (not Linux, not root, missing). */
export function findRealPrograms(options: {
  registries: boolean;
  baseImages: boolean;
}): RealPrograms | string {
  if (process.platform !== "linux") return "private dockerds need Linux";
  const dockerd = findCommand("dockerd");
  const cli = findCommand("docker");
  const registry = findCommand("docker-registry");
  const busybox = findCommand("busybox");
  if (dockerd === undefined) return "dockerd is not installed (apt-get install docker.io)";
  if (cli === undefined) return "the docker CLI is not installed (apt-get install docker.io)";
  if (process.getuid?.() !== 0) return "dockerd needs root here";
  if (options.registries && registry === undefined)
    return "docker-registry is not installed (apt-get install docker-registry)";
  if (options.baseImages && busybox === undefined)
    return "busybox is not installed (apt-get install busybox-static)";
  return { dockerd, cli, registry: registry ?? "", busybox: busybox ?? "" };
}
