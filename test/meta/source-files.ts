import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

export const REPO_ROOT: string = join(import.meta.dirname, "..", "..");

/** Every TypeScript file under `src/`, as repo-relative paths, sorted. */
export function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|mjs)$/.test(entry.name)) out.push(relative(REPO_ROOT, path));
    }
  };
  walk(join(REPO_ROOT, "src"));
  return out.sort();
}

export function readSource(path: string): string {
  return readFileSync(join(REPO_ROOT, path), "utf8");
}

/** The code without comments, so documentation may name what the code may not use. */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}
