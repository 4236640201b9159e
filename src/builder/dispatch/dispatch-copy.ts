import type { TarEntry } from "../../archive/tar-entry.ts";
import { FsError } from "../../errors/fs-error.ts";
import { OverlayFs } from "../../fs/overlay-fs.ts";
import { BuildError, wrapBuildError } from "../build-error.ts";
import { type Identity, resolveChown } from "../copy/chown-spec.ts";
import { type CopyInfo, copyInfosFor, sourceHashOf } from "../copy/copy-infos.ts";
import { copyInto } from "../copy/copy-into.ts";
import type { CopySource } from "../copy/copy-source.ts";
import { inlineSource } from "../copy/inline-source.ts";
import type { AddInstruction, CopyInstruction } from "../dockerfile/instruction.ts";
import { goCleanPath } from "../go-path.ts";
import type { BuildSession } from "./build-session.ts";
import type { DispatchState } from "./dispatch-state.ts";
import { imageSourceFor } from "./image-sources.ts";
import { withNopCommentString } from "./run-config.ts";

const BUILDKIT_REQUIRED =
  "option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";

/**
 * COPY and ADD as dockerd's `dispatchCopy`/`dispatchAdd` and `performCopy` run them: resolve the
 * sources and their hashes, probe the cache with `COPY <hash> in <dest> ` as the command, and on
 * a miss copy into a fresh writable layer over the current image and commit it — no build
 * container, so no `Running in` line.
 */
export async function dispatchCopy(
  session: BuildSession,
  state: DispatchState,
  command: CopyInstruction | AddInstruction,
): Promise<void> {
  const refused = refusedFlag(command);
  if (refused !== undefined) throw new BuildError(`the --${refused} ${BUILDKIT_REQUIRED}`);
  const from = command.keyword === "COPY" ? command.from : undefined;
  let source: CopySource = session.options.context;
  if (from !== undefined && from !== "") {
    try {
      source = await imageSourceFor(session, from);
    } catch (error) {
      throw wrapBuildError(`invalid from flag value ${from}`, error);
    }
  }
  const infos = collectInfos(session, command, source);
  const dest = command.destination;
  if (infos.length > 1 && !dest.endsWith("/")) {
    throw new BuildError(
      `When using ${command.keyword} with more than one source file, the destination must be a directory and end with a /`,
    );
  }
  const chown = command.chown ?? "";
  const comment = `${command.keyword} ${chown === "" ? "" : `--chown=${chown}`}${sourceHashOf(infos)} in ${dest} `;
  const containerConfig = withNopCommentString(state.runConfig, comment);
  if (await session.probeCache(state, containerConfig)) return;
  const entries = await copyIntoNewLayer(session, state, {
    infos,
    dest: normalizeDest(state.runConfig.workingDir, dest),
    chown,
    preserveOwnership: from !== undefined && from !== "" && chown === "",
    decompress: command.keyword === "ADD",
  });
  await session.commitStep(state, { entries, containerConfig });
}

function refusedFlag(command: CopyInstruction | AddInstruction): string | undefined {
  if (command.chmod !== undefined) return "chmod";
  if (command.link) return "link";
  if (command.exclude.length > 0) return "exclude";
  if (command.keyword === "COPY" && command.parents) return "parents";
  if (command.keyword === "ADD" && command.checksum !== undefined) return "checksum";
  return undefined;
}

/** The sources' infos, in instruction order; errors as `COPY failed: …`. */
function collectInfos(
  session: BuildSession,
  command: CopyInstruction | AddInstruction,
  source: CopySource,
): CopyInfo[] {
  const limits = { copyEntryCountMax: session.options.limits.copyEntryCountMax };
  const infos: CopyInfo[] = [];
  try {
    for (const path of command.sources) {
      if (/^https?:\/\//.test(path)) infos.push(remoteInfo(command.keyword, path));
      else infos.push(...copyInfosFor(source, path, limits));
    }
    for (const content of command.sourceContents)
      infos.push(inlineSource(content, session.options.clock.nowUs()));
    if (infos.length === 0) throw new BuildError("no source files were specified");
  } catch (error) {
    throw wrapBuildError(`${command.keyword} failed`, error);
  }
  return infos;
}

/**
 * ADD of a URL: the simulated daemon has no route to the internet, so the download fails as
 * dockerd's does without one; COPY refuses URLs outright.
 */
function remoteInfo(keyword: "COPY" | "ADD", url: string): never {
  if (keyword === "COPY") throw new BuildError("source can't be a URL for COPY");
  const host = /^https?:\/\/([^/:?#]*)/.exec(url)?.[1] ?? "";
  throw new BuildError(`Get "${url}": dial tcp: lookup ${host}: no such host`, {
    code: "Unavailable",
    data: { url },
  });
}

/** dockerd's `normalizeDest`: a relative destination is joined to WORKDIR; a trailing `/` is kept. */
export function normalizeDest(workingDir: string, requested: string): string {
  if (requested.startsWith("/")) return requested;
  const joined = goCleanPath(`/${workingDir}/${requested}`);
  return requested.endsWith("/") && joined !== "/" ? `${joined}/` : joined;
}

async function copyIntoNewLayer(
  session: BuildSession,
  state: DispatchState,
  options: {
    infos: readonly CopyInfo[];
    dest: string;
    chown: string;
    preserveOwnership: boolean;
    decompress: boolean;
  },
): Promise<readonly TarEntry[]> {
  const nowUs = session.options.clock.nowUs();
  const lowers = state.image === undefined ? [] : await session.host.images.layerTrees(state.image);
  const overlay = new OverlayFs({ lowers, nowUs });
  let identity: Identity | undefined = options.preserveOwnership ? undefined : { uid: 0, gid: 0 };
  if (options.chown !== "") identity = resolveChown(options.chown, overlay);
  const { limits } = session.options;
  await session.spend(session.options.costs.copyUs);
  for (const info of options.infos) {
    try {
      copyInto(overlay, info, {
        dest: options.dest,
        identity,
        decompress: options.decompress && info.noDecompress !== true,
        nowUs,
        copyEntryCountMax: limits.copyEntryCountMax,
        extractSizeBytesMax: limits.extractSizeBytesMax,
      });
    } catch (error) {
      if (error instanceof FsError)
        throw new BuildError(`failed to copy files: ${error.goMessage}`);
      throw error;
    }
  }
  return overlay.diff();
}
