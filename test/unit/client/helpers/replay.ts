import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runDocker } from "../../../../src/client/docker-cli.ts";
import type { Engine } from "../../../../src/engine/engine.ts";
import { DrydockError, type ErrorCode } from "../../../../src/errors/drydock-error.ts";
import { bufferIo } from "./buffer-io.ts";
import { fakeEngine } from "./fake-engine.ts";

/** One recorded real-CLI run (see test/fixtures/client/README.md). */
export interface RecordedCase {
  readonly name: string;
  readonly args: readonly string[];
  readonly nowMs: number;
  readonly api: Readonly<Record<string, string>>;
  /** HTTP status of the answers that were errors. */
  readonly status?: Readonly<Record<string, number>>;
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** Reads `test/fixtures/client/recorded/<group>.json` (API bodies are stored once, by index). */
export function recordedCases(group: string): RecordedCase[] {
  const path = join(import.meta.dirname, "../../../fixtures/client/recorded", `${group}.json`);
  const file = JSON.parse(readFileSync(path, "utf8")) as {
    bodies: string[];
    cases: (Omit<RecordedCase, "api"> & { api: Record<string, number> })[];
  };
  return file.cases.map((one) => ({
    ...one,
    api: Object.fromEntries(
      Object.entries(one.api).map(([key, index]) => [key, file.bodies[index]!]),
    ),
  }));
}

const CODE_OF_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: "InvalidArgument",
  404: "NotFound",
  409: "Conflict",
  500: "Internal",
};

/** An engine answering each Engine method with the recorded API response for its endpoint. */
export function replayEngine(recorded: RecordedCase): Engine {
  const answer = (path: string | RegExp): never => {
    const entry = Object.entries(recorded.api).find(([key]) =>
      typeof path === "string" ? key === path : path.test(key),
    );
    if (entry === undefined) throw new Error(`no recorded response for ${path}`);
    const status = recorded.status?.[entry[0]];
    if (status !== undefined) {
      throw new DrydockError(
        CODE_OF_STATUS[status] ?? "Internal",
        (JSON.parse(entry[1]) as { message: string }).message,
      );
    }
    return JSON.parse(entry[1]) as never;
  };
  return fakeEngine({
    containerList: async () => answer(/^\/containers\/json/),
    imageList: async () => answer(/^\/images\/json/),
    imageHistory: async (name) => answer(`/images/${name}/history`),
    volumeList: async () => answer(/^\/volumes(\?|$)/),
    volumeInspect: async (name) => answer(`/volumes/${name}`),
    networkList: async () => answer(/^\/networks(\?|$)/),
    networkInspect: async (name) => answer(`/networks/${name}`),
    systemDf: async () => answer("/system/df"),
    containerInspect: async (name) => answer(new RegExp(`^/containers/${escapeRegExp(name)}/json`)),
    imageInspect: async (name) => answer(`/images/${name}/json`),
    version: async () => answer("/version"),
    info: async () => answer("/info"),
    containerTop: async (name) => answer(new RegExp(`^/containers/${escapeRegExp(name)}/top`)),
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Runs a recorded command line against its recorded API answers, at its recorded instant. */
export async function replay(
  recorded: RecordedCase,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const engine = replayEngine(recorded);
  const buffers = bufferIo({ nowUs: recorded.nowMs * 1000 });
  const exitCode = await runDocker((work) => work(engine), recorded.args, buffers.io);
  return { stdout: buffers.stdout(), stderr: buffers.stderr(), exitCode };
}
