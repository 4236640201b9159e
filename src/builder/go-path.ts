/**
 * Go's `path.Clean` (= `filepath.Clean` on Unix): the shortest equivalent path, lexically — one
 * slash between elements, no `.` elements, `..` applied where it can be, no trailing slash; `.`
 * for an empty result.
 */
export function goCleanPath(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out: string[] = [];
  for (const element of path.split("/")) {
    if (element === "" || element === ".") continue;
    if (element === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(element);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** Go's `path.Dir`: everything before the last slash, cleaned; `.` when there is no slash. */
export function goDir(path: string): string {
  const slash = path.lastIndexOf("/");
  return goCleanPath(slash < 0 ? "" : path.slice(0, slash + 1));
}
