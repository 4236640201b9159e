import { readFileSync } from "node:fs";
import { join } from "node:path";

const DIR = join(import.meta.dirname, "..", "..", "fixtures", "image");

/** A fixture's exact text. */
export function fixtureText(name: string): string {
  return readFileSync(join(DIR, name), "utf8");
}

/** A fixture's exact bytes. */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, name)));
}
