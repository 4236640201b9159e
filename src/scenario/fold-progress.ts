/** A layer's progress line of docker push or pull (`a61002d8efd7: Pull complete`). */
const PROGRESS_LINE = /^([0-9a-f]{12}): (.*)$/;

/** Runs that would fold fewer lines than this are shown whole. */
const FOLDED_COUNT_MIN = 4;

/**
 * docker pull/push output folded for reading: in each run of layer progress lines, every
 * layer's last line is kept, in order (where it ended: `Pull complete`, `Pushed`, `Mounted from
 * base`, or where it stood when the command failed), and the lines before them become one line
 * that counts them by status (`… 21 progress lines: Pulling fs layer ×6, Waiting ×3, … …`). Every
 * other line (`Digest:`, `Status:`, errors) is kept as it is.
 */
export function foldProgress(lines: readonly string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...foldRun(run));
    run = [];
  };
  for (const line of lines) {
    if (PROGRESS_LINE.test(line)) run.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

function foldRun(run: readonly string[]): string[] {
  const parsed = run.map((line) => {
    const [, layer = "", status = ""] = PROGRESS_LINE.exec(line) ?? [];
    return { line, layer, status };
  });
  const lastOf = new Map<string, number>();
  for (const [index, { layer }] of parsed.entries()) lastOf.set(layer, index);
  const kept = parsed.filter(({ layer }, index) => lastOf.get(layer) === index);
  const folded = parsed.filter(({ layer }, index) => lastOf.get(layer) !== index);
  if (folded.length < FOLDED_COUNT_MIN) return [...run];
  const counts = new Map<string, number>();
  for (const { status } of folded) counts.set(status, (counts.get(status) ?? 0) + 1);
  const statuses = [...counts].map(([status, count]) => `${status} ×${count}`).join(", ");
  return [`… ${folded.length} progress lines: ${statuses} …`, ...kept.map(({ line }) => line)];
}
