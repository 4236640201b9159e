import { canonicalJson } from "../../digest/canonical-json.ts";
import { digestOf } from "../../digest/digest.ts";
import { DrydockError } from "../../errors/drydock-error.ts";
import type { RngState } from "../../random/rng.ts";
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
 * One registry of the embedded world at a rest point: its contents (a `MemRegistrySnapshot`,
 * stored as a blob) and where its random stream stood, so upload UUIDs never repeat.
 */
export interface RegistryRecord {
  /** Digest of the snapshot's JSON bytes. */
  readonly snapshot: string;
  readonly rng: RngState;
}

/** The registries of the embedded world at a rest point: records by domain, and their blobs. */
export interface RegistriesAtRest {
  /** A domain without a record is a registry as new (seeded with its images, if any). */
  readonly records: ReadonlyMap<string, RegistryRecord>;
  /** The snapshots' JSON bytes and every blob they name. */
  readonly blobs: ReadonlyMap<string, Uint8Array>;
}

/**
 * What the embedded engine saves: the last state at rest (`base`; undefined: a fresh daemon with
 * the offline images), the registries of the world at that same rest point, and, when something
 * was still running at the end of the last command, the journal of every interaction since
 * that state (its replay re-does pushes against the registries restored from their records).
 *
 * ```
 * manifest  {"format":"drydock-embedded-world","version":1,"host":{…},"base":"sha256:…"|null,
 *            "registries":{"localhost:5000":{"snapshot":"sha256:…","rng":{…}}}?,
 *            "journal":{"entries":[…],"end":{"fired":N,"tUs":T}}?}
 * blobs     the base daemon state's manifest and blobs, the registries' snapshots and blobs
 *           (one copy of a blob both hold), and the journal's byte arguments
 * ```
 *
 * `registries` is absent when every registry is as new (and in worlds saved before there were
 * registries): those open with new registries.
 */
export interface World {
  readonly host: WorldHost;
  readonly baseState: SavedState | undefined;
  /** Where the base state's clock stands (undefined: a fresh world's default epoch). */
  readonly baseClockUs: number | undefined;
  /** The registries at the base's rest point; their blobs are in `journalBlobs`. */
  readonly registries: ReadonlyMap<string, RegistryRecord>;
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
  registries?: RegistriesAtRest;
}): SavedState {
  const blobs = new Map<string, Uint8Array>(options.base?.blobs ?? []);
  for (const [digest, bytes] of options.registries?.blobs ?? []) blobs.set(digest, bytes);
  const records = options.registries?.records ?? new Map<string, RegistryRecord>();
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
    registries: records.size === 0 ? undefined : Object.fromEntries(records),
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
    registries?: unknown;
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
    registries: readRegistries(world.registries, saved.blobs),
    journal:
      journal === undefined
        ? undefined
        : { entries: journal.entries as JournalEntry[], end: journal.end as JournalEnd },
    journalBlobs: saved.blobs,
  };
}

function readRegistries(
  value: unknown,
  blobs: ReadonlyMap<string, Uint8Array>,
): ReadonlyMap<string, RegistryRecord> {
  const records = new Map<string, RegistryRecord>();
  if (value === undefined) return records;
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw damaged("the registries record is not an object");
  for (const [domain, record] of Object.entries(value as Record<string, unknown>)) {
    if (!isRegistryRecord(record)) throw damaged(`the record of registry ${domain} is malformed`);
    if (!blobs.has(record.snapshot))
      throw damaged(`the snapshot ${record.snapshot} of registry ${domain} is missing`);
    records.set(domain, record);
  }
  return records;
}

function isRegistryRecord(value: unknown): value is RegistryRecord {
  const record = value as { snapshot?: unknown; rng?: Partial<RngState> } | null;
  if (record === null || typeof record !== "object" || typeof record.snapshot !== "string")
    return false;
  const rng = record.rng;
  return (
    rng !== null &&
    typeof rng === "object" &&
    typeof rng.seedMaterial === "string" &&
    typeof rng.path === "string" &&
    Array.isArray(rng.words) &&
    rng.words.length === 4 &&
    rng.words.every((word) => Number.isSafeInteger(word))
  );
}

function damaged(what: string, cause?: unknown): DrydockError {
  return new DrydockError("DataLoss", `the saved embedded world is damaged: ${what}`, { cause });
}
