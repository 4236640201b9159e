import type { ContainerConfig } from "../../image/container-config.ts";

function sameList(a: readonly string[] | null, b: readonly string[] | null): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((item, index) => item === right[index]);
}

function sameSet(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) {
  const left = a ?? [];
  const right = new Set(b ?? []);
  return left.length === right.size && left.every((item) => right.has(item));
}

/**
 * dockerd's cache comparison (`image/cache/compare.go`): two build-container configs match when
 * neither keeps stdin open and they agree on AttachStdout/AttachStderr, User, OpenStdin, Tty,
 * Cmd, Env, Labels, ExposedPorts, Entrypoint and Volumes. `Image` and `Hostname` are ignored —
 * and so are WorkingDir, Healthcheck, Shell, OnBuild and StopSignal, which dockerd never
 * compared: a step's `#(nop)` text is what tells most metadata steps apart.
 */
export function sameBuildConfig(stored: ContainerConfig, probe: ContainerConfig): boolean {
  if (stored.openStdin || probe.openStdin) return false;
  if (
    stored.attachStdout !== probe.attachStdout ||
    stored.attachStderr !== probe.attachStderr ||
    stored.user !== probe.user ||
    stored.tty !== probe.tty
  ) {
    return false;
  }
  const storedLabels = stored.labels ?? {};
  const probeLabels = probe.labels ?? {};
  if (Object.keys(storedLabels).length !== Object.keys(probeLabels).length) return false;
  for (const [key, value] of Object.entries(storedLabels)) {
    if ((probeLabels[key] ?? "") !== value) return false;
  }
  return (
    sameList(stored.cmd, probe.cmd) &&
    sameList(stored.env, probe.env) &&
    sameSet(stored.exposedPorts, probe.exposedPorts) &&
    sameList(stored.entrypoint, probe.entrypoint) &&
    sameSet(stored.volumes, probe.volumes)
  );
}
