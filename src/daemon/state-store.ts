/**
 * A daemon's saved state: a manifest (JSON, written last) and the blobs it refers to by digest
 * (layer tars, configs, containers' writable layers and logs, volume contents). Blobs are
 * content-addressed, so saving writes only new ones and a half-finished save never changes what
 * the previous manifest refers to.
 */
export interface SavedState {
  readonly manifest: Uint8Array;
  /** Blob bytes by digest (`sha256:…`); every digest the manifest names is here. */
  readonly blobs: ReadonlyMap<string, Uint8Array>;
}

/**
 * Where an embedded engine keeps its daemon between commands. `save` must be atomic: after a
 * crash in the middle, `load` returns the previous state whole, never a mix.
 */
export interface StateStore {
  /** The last saved state, or undefined when nothing was ever saved. */
  load(): Promise<SavedState | undefined>;
  save(state: SavedState): Promise<void>;
}
