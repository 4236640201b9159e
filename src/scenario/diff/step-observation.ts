import { type NormalizeOptions, normalizeOutput } from "./normalize-output.ts";
import type { Placeholders } from "./placeholders.ts";

/**
 * One stream of a step's output as compared. dockerd reports per-layer progress
 * (`<layer>: Waiting`, `Pushing`, `Download complete`, `Pull complete`, `Retrying in 5 seconds`…)
 * from concurrent transfers, so their interleaving is racy; what a user can rely on is each
 * layer's final status. A stream is therefore its other lines in order plus the multiset of
 * final per-layer statuses (sorted, layer IDs gone: they hash content that differs by design)
 * and the number of retry rounds (a countdown `Retrying in 5…1 seconds` is one round).
 */
export interface StreamObservation {
  readonly lines: readonly string[];
  readonly finalStatuses: readonly string[];
  readonly retryRounds: number;
}

/** A step's observations: its streams and, for a build, the cache pattern of its steps. */
export interface StepObservation {
  readonly stdout: StreamObservation;
  readonly stderr: StreamObservation;
  /** `1/6 miss`, `2/6 hit`… one per `Step N/M` of a build (`hit` when `---> Using cache` follows). */
  readonly cache: readonly string[];
}

/** The options `scenario diff` normalises with: everything volatile and every ID replaced. */
export const DIFF_NORMALIZATION: NormalizeOptions = { volatile: true, allIds: true };

const LAYER_LINE = /^(<L\d+>): (.*)$/;
const RETRY = /^Retrying in (\d+) seconds?$/;

/** Splits a normalised stream into its ordered lines and its per-layer progress. */
export function streamObservation(lines: readonly string[]): StreamObservation {
  const kept: string[] = [];
  const final = new Map<string, string>();
  const lastCountdown = new Map<string, number>();
  let retryRounds = 0;
  for (const line of lines) {
    const match = LAYER_LINE.exec(line);
    if (match === null) {
      kept.push(line);
      continue;
    }
    const layer = match[1] ?? "";
    const status = match[2] ?? "";
    const retry = RETRY.exec(status);
    if (retry !== null) {
      const seconds = Number(retry[1]);
      const previous = lastCountdown.get(layer);
      if (previous === undefined || seconds >= previous) retryRounds++;
      lastCountdown.set(layer, seconds);
      continue;
    }
    lastCountdown.delete(layer);
    final.set(layer, status);
  }
  return { lines: kept, finalStatuses: [...final.values()].sort(), retryRounds };
}

/** The cache pattern of a build's normalised output. */
export function cachePattern(lines: readonly string[]): string[] {
  const pattern: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const step = /^Step (\d+\/\d+) : /.exec(lines[index] ?? "");
    if (step === null) continue;
    let hit = false;
    for (let next = index + 1; next < lines.length; next++) {
      const line = lines[next] ?? "";
      if (line.startsWith("Step ")) break;
      if (line === " ---> Using cache") hit = true;
    }
    pattern.push(`${step[1]} ${hit ? "hit" : "miss"}`);
  }
  return pattern;
}

/** A step's output as compared; `ids` is the side's table, shared by all its steps. */
export function observeStep(
  output: { readonly stdout: string; readonly stderr: string },
  ids: Placeholders,
): StepObservation {
  const stdout = normalizeOutput(output.stdout, ids, DIFF_NORMALIZATION);
  const stderr = normalizeOutput(output.stderr, ids, DIFF_NORMALIZATION);
  return {
    stdout: streamObservation(stdout),
    stderr: streamObservation(stderr),
    cache: cachePattern(stdout),
  };
}
