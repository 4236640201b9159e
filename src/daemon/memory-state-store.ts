import type { SavedState, StateStore } from "./state-store.ts";

/** A `StateStore` in memory: saves replace the state at once, so they are trivially atomic. */
export class MemoryStateStore implements StateStore {
  #state: SavedState | undefined;
  #saveCount = 0;

  /** How many times a state was saved. */
  get saveCount(): number {
    return this.#saveCount;
  }

  async load(): Promise<SavedState | undefined> {
    return this.#state;
  }

  async save(state: SavedState): Promise<void> {
    this.#state = {
      manifest: state.manifest.slice(),
      blobs: new Map([...state.blobs].map(([digest, bytes]) => [digest, bytes.slice()])),
    };
    this.#saveCount++;
  }
}
