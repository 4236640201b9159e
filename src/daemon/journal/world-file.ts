import { canonicalJson } from "../../digest/canonical-json.ts";
import { digestOf } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import { readDaemonState } from "../restore-daemon.ts";
import type { SavedState } from "../state-store.ts";
import type { JournalEnd, JournalEntry } from "./journal-entry.ts";
import type { JournalRecorder } from "./journal-recorder.ts";

/** Facts about the embedded daemon's host that outlive one command. */
export interface WorldHost {
  readonly seed: number;
  readonly bootCount: number;
  /** Set when the world was restarted (journal limit): dockerd's boot-time policies apply. */
  readonly restarted?: boolean;
}

/**
 * What the embedded engine saves: the last state at rest (`base`; undefined: a fresh daemon with
 * the offline images), and, when something was still running at the end of the last command,
 * the journal of every interaction since that state.
 *
 * ```
 * manifest  {"format":"drydock-embedded-world","version":1,"host":{…},"base":"sha256:…"|null,
 *            "journal":{"entries":[…],"end":{"fired":N,"tUs":T}}?}
 * blobs     the base daemon state's manifest and blobs, and the journal's byte arguments
 * ```
 */
export interface World {
  readonly host: WorldHost;
  readonly baseState: SavedState | undefined;
  /** Where the base state's clock stands (undefined: a fresh world's default epoch). */
  readonly baseClockUs: number | undefined;
  readonly journal?: { readonly entries: readonly JournalEntry[]; readonly end: JournalEnd };
  readonly journalBlobs: ReadonlyMap<string, Uint8Array>;
}

export interface JournalLimits {
  /** Interactions a journal may hold before the world is restarted instead of replayed. */
  readonly entryCountMax: number;
  /** Bytes of arguments (build contexts, stdin, archives) a journal may hold. */
  readonly blobBytesMax: number;
}

export const DEFAULT_JOURNAL_LIMITS: JournalLimits = Object.freeze({
  entryCountMax: 20_000,
  blobBytesMax: 512 * 1024 * 1024,
});

const FORMAT = "drydock-embedded-world";

export function exceeds(recorder: JournalRecorder, limits: JournalLimits): boolean {
  if (recorder.entries.length > limits.entryCountMax) return true;
  let bytes = 0;
  for (const blob of recorder.blobs.values()) bytes += blob.length;
  return bytes > limits.blobBytesMax;
}

export function writeWorld(options: {
  host: WorldHost;
  base: SavedState | undefined;
  journal?: { entries: readonly JournalEntry[]; end: JournalEnd };
  journalBlobs?: ReadonlyMap<string, Uint8Array>;
}): SavedState {
  const blobs = new Map<string, Uint8Array>(options.base?.blobs ?? []);
  let base: string | null = null;
  if (options.base !== undefined) {
    base = digestOf(options.base.manifest);
    blobs.set(base, options.base.manifest);
  }
  for (const [digest, bytes] of options.journalBlobs ?? []) blobs.set(digest, bytes);
  const manifest = {
    format: FORMAT,
    version: 1,
    host: options.host,
    base,
    journal: options.journal,
  };
  return { manifest: new TextEncoder().encode(canonicalJson(manifest)), blobs };
}

export function readWorld(saved: SavedState): World {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(saved.manifest));
  } catch (cause) {
    throw damaged("its manifest is not JSON", cause);
  }
  const world = value as {
    format?: unknown;
    version?: unknown;
    host?: Partial<WorldHost>;
    base?: unknown;
    journal?: { entries?: unknown; end?: Partial<JournalEnd> };
  } | null;
  if (world === null || world.format !== FORMAT || world.version !== 1) {
    throw damaged(`its manifest is not a ${FORMAT} (version 1)`);
  }
  const host = world.host ?? {};
  if (!Number.isSafeInteger(host.seed) || !Number.isSafeInteger(host.bootCount)) {
    throw damaged("the host record lacks its seed or boot count");
  }
  let baseState: SavedState | undefined;
  let baseClockUs: number | undefined;
  if (typeof world.base === "string") {
    const manifest = saved.blobs.get(world.base);
    if (manifest === undefined) throw damaged(`the base state ${world.base} is missing`);
    baseState = { manifest, blobs: saved.blobs };
    baseClockUs = readDaemonState(baseState).clockUs;
  } else if (world.base !== null) {
    throw damaged("the base state reference is neither a digest nor null");
  }
  const journal = world.journal;
  if (journal !== undefined) {
    const end = journal.end ?? {};
    if (
      !Array.isArray(journal.entries) ||
      !Number.isSafeInteger(end.fired) ||
      !Number.isSafeInteger(end.tUs)
    ) {
      throw damaged("the journal is malformed");
    }
  }
  return {
    host: host as WorldHost,
    baseState,
    baseClockUs,
    journal:
      journal === undefined
        ? undefined
        : { entries: journal.entries as JournalEntry[], end: journal.end as JournalEnd },
    journalBlobs: saved.blobs,
  };
}

function damaged(what: string, cause?: unknown): DrydockError {
  return new DrydockError("DataLoss", `the saved embedded world is damaged: ${what}`, { cause });
}
