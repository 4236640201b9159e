/**
 * Go's `path.Clean`, `path.Join` and `path.Split` for slash-separated paths. archive/tar names
 * its PAX extended headers with them (`path.Join(dir, "PaxHeaders.0", file)`), and `..`
 * elements are resolved lexically there, so byte-identical output needs the same rules.
 */

/** Go's `path.Clean`: the shortest equivalent path, resolving `.` and `..` lexically. */
export function goPathClean(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out: string[] = [];
  // Leading `..` elements of a relative path cannot be cancelled by later ones.
  let fixedCount = 0;
  for (const element of path.split("/")) {
    if (element === "" || element === ".") continue;
    if (element === "..") {
      if (out.length > fixedCount) out.pop();
      else if (!rooted) {
        out.push("..");
        fixedCount = out.length;
      }
      continue;
    }
    out.push(element);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** Go's `path.Join`: joins the non-empty elements with `/` and cleans the result. */
export function goPathJoin(...elements: readonly string[]): string {
  const first = elements.findIndex((element) => element !== "");
  if (first < 0) return "";
  return goPathClean(elements.slice(first).join("/"));
}

/** Go's `path.Split`: everything up to and including the last `/`, and the rest. */
export function goPathSplit(path: string): { readonly dir: string; readonly file: string } {
  const slash = path.lastIndexOf("/");
  return { dir: path.slice(0, slash + 1), file: path.slice(slash + 1) };
}
