/** Lines per side that are aligned by a longest common subsequence; longer outputs compare line by line. */
export const LCS_LINE_COUNT_MAX = 2_000;

/** A run of lines where two outputs differ: from line `simLine` (1-based) of one side. */
export interface LineHunk {
  readonly simLine: number;
  readonly dockerLine: number;
  readonly sim: readonly string[];
  readonly docker: readonly string[];
}

/**
 * Where two lists of lines differ, as hunks between their longest common subsequence, so that an
 * extra line is one difference and not a shift of every later line. Beyond
 * `LCS_LINE_COUNT_MAX` lines a side, lines are paired by position (bounded work and memory).
 */
export function lineDiff(sim: readonly string[], docker: readonly string[]): LineHunk[] {
  if (sim.length > LCS_LINE_COUNT_MAX || docker.length > LCS_LINE_COUNT_MAX)
    return positionalDiff(sim, docker);
  const rows = sim.length + 1;
  const cols = docker.length + 1;
  // lengths[i * cols + j]: LCS length of sim[i..] and docker[j..].
  const lengths = new Uint16Array(rows * cols);
  for (let i = sim.length - 1; i >= 0; i--) {
    for (let j = docker.length - 1; j >= 0; j--) {
      lengths[i * cols + j] =
        sim[i] === docker[j]
          ? (lengths[(i + 1) * cols + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * cols + j] ?? 0, lengths[i * cols + j + 1] ?? 0);
    }
  }
  const hunks: LineHunk[] = [];
  let open: { simLine: number; dockerLine: number; sim: string[]; docker: string[] } | undefined;
  let i = 0;
  let j = 0;
  while (i < sim.length || j < docker.length) {
    if (i < sim.length && j < docker.length && sim[i] === docker[j]) {
      if (open !== undefined) hunks.push(open);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= { simLine: i + 1, dockerLine: j + 1, sim: [], docker: [] };
    const takeSim =
      j >= docker.length ||
      (i < sim.length && (lengths[(i + 1) * cols + j] ?? 0) >= (lengths[i * cols + j + 1] ?? 0));
    if (takeSim) open.sim.push(sim[i++] ?? "");
    else open.docker.push(docker[j++] ?? "");
  }
  if (open !== undefined) hunks.push(open);
  return hunks;
}

function positionalDiff(sim: readonly string[], docker: readonly string[]): LineHunk[] {
  const hunks: LineHunk[] = [];
  for (let index = 0; index < Math.max(sim.length, docker.length); index++) {
    if (sim[index] === docker[index]) continue;
    hunks.push({
      simLine: index + 1,
      dockerLine: index + 1,
      sim: index < sim.length ? [sim[index] ?? ""] : [],
      docker: index < docker.length ? [docker[index] ?? ""] : [],
    });
  }
  return hunks;
}
