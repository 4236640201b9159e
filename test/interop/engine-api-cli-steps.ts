/**
 * The seed workflow (and the commands after it) as docker CLI invocations, run by
 * `engine-api-cli.test.ts` against `drydock daemon` and recorded from a real dockerd into
 * `test/fixtures/engine-api/cli-workflow.real.json`. Outputs are normalised so that the two
 * daemons compare: IDs, digests, sizes and ages differ by nature.
 */
export interface CliStep {
  readonly args: readonly string[];
  readonly input?: string;
  /** Compare stderr too (most steps only compare stdout and the exit code). */
  readonly stderr?: boolean;
}

export const IMAGE = "localhost:5000/drydock-api-seed:1";
const C1 = "drydock-api-c1";
const C2 = "drydock-api-c2";
const C3 = "drydock-api-c3";

/**
 * `{{ctx}}`, `{{note}}` and `{{dir}}` stand for a build context, a host file and a directory of
 * the run; `{{since}}` and `{{until}}` for its start and for now, in Unix seconds.
 */
export const CLI_STEPS: readonly CliStep[] = [
  { args: ["version", "--format", "{{.Server.APIVersion}} {{.Server.Os}}/{{.Server.Arch}}"] },
  { args: ["build", "-t", IMAGE, "{{ctx}}"] },
  { args: ["push", IMAGE] },
  { args: ["rmi", IMAGE] },
  { args: ["pull", IMAGE] },
  { args: ["image", "inspect", "--format", "{{json .RepoTags}} {{json .Config.Cmd}}", IMAGE] },
  {
    args: [
      "images",
      "--filter",
      "reference=localhost:5000/drydock-api-seed",
      "--format",
      "{{.Repository}}:{{.Tag}}",
    ],
  },
  { args: ["run", "--rm", IMAGE] },
  {
    args: ["run", "--name", C1, IMAGE, "sh", "-c", "echo out; echo err >&2; exit 3"],
    stderr: true,
  },
  {
    args: [
      "ps",
      "-a",
      "--filter",
      `name=${C1}`,
      "--format",
      "{{.Names}} {{.Image}} {{.Command}} {{.Status}}",
    ],
  },
  { args: ["logs", C1], stderr: true },
  {
    args: [
      "inspect",
      "--format",
      "{{.State.Status}} {{.State.ExitCode}} {{.Config.Image}} {{json .Config.Cmd}}",
      C1,
    ],
  },
  { args: ["run", "-d", "--name", C2, IMAGE, "sleep", "30"] },
  { args: ["exec", C2, "cat", "/built.txt"] },
  { args: ["exec", "-i", C2, "sh", "-c", "cat; exit 4"], input: "piped\n" },
  { args: ["cp", "{{note}}", `${C2}:/`] },
  { args: ["exec", C2, "cat", "/note.txt"] },
  { args: ["cp", `${C2}:/note.txt`, "-"] },
  { args: ["diff", C2] },
  { args: ["rename", C2, `${C2}-renamed`] },
  { args: ["kill", `${C2}-renamed`] },
  { args: ["ps", "-a", "--filter", `name=${C2}`, "--format", "{{.Names}} {{.Status}}"] },
  { args: ["rm", C1, `${C2}-renamed`] },
  { args: ["volume", "create", "drydock-api-vol"] },
  { args: ["volume", "ls", "--filter", "name=drydock-api", "--format", "{{.Driver}} {{.Name}}"] },
  { args: ["volume", "rm", "drydock-api-vol"] },
  {
    args: [
      "network",
      "ls",
      "--filter",
      "name=none",
      "--format",
      "{{.Name}} {{.Driver}} {{.Scope}}",
    ],
  },
  { args: ["inspect", "drydock-api-nosuch"], stderr: true },
  { args: ["run", "--rm", "--pull=never", "localhost:5000/drydock-api-nope:1"], stderr: true },
  { args: ["run", "--rm", "-t", IMAGE, "sh", "-c", "echo tty-out; exit 2"] },
  { args: ["run", "-d", "--name", C3, IMAGE, "sh", "-c", "echo started; sleep 30"] },
  { args: ["stop", "-t", "1", C3] },
  { args: ["wait", C3] },
  { args: ["start", C3] },
  { args: ["restart", "-t", "0", C3] },
  { args: ["ps", "--filter", `name=${C3}`, "--format", "{{.Names}} {{.Status}}"] },
  { args: ["exec", "-t", C3, "sh", "-c", "echo exec-tty"] },
  { args: ["kill", C3] },
  { args: ["logs", "-f", C3], stderr: true },
  { args: ["rm", C3] },
  { args: ["save", "-o", "{{dir}}/image.tar", IMAGE] },
  { args: ["rmi", IMAGE] },
  { args: ["load", "-i", "{{dir}}/image.tar"] },
  { args: ["system", "df", "--format", "{{.Type}}"] },
  {
    args: [
      "events",
      "--since",
      "{{since}}",
      "--until",
      "{{until}}",
      "--filter",
      "type=image",
      "--filter",
      `image=${IMAGE}`,
      "--format",
      "{{.Type}} {{.Action}}",
    ],
  },
  { args: ["rmi", IMAGE] },
];

/** Makes outputs of two daemons comparable: IDs, digests, sizes, ages and repeated lines. */
export function normalise(text: string): string {
  const lines = text
    .replace(/\r/g, "")
    .replace(/\b[0-9a-f]{64}\b/g, "<id>")
    .replace(/\b[0-9a-f]{12}\b/g, "<id>")
    .replace(/size: \d+/g, "size: <n>")
    .replace(/\d+(\.\d+)?[kMG]?B\b/g, "<size>")
    .replace(/(Less than a second|\d+ seconds?|About a minute) ago/g, "<ago>")
    .replace(/Up (Less than a second|\d+ seconds?|About a minute)/g, "Up <time>")
    .replace(/ (Pushed|Layer already exists|Mounted from \S+)$/gm, " <pushed>")
    .replace(/^<id>: (Pulling fs layer|Verifying Checksum|Download complete|Waiting)\n/gm, "")
    // A tar on stdout (`docker cp C:/f -`): mtime and checksum differ; NUL runs are noise.
    .replace(/[0-7]{11}\0[0-7]{6}\0 /g, "<mtime><chksum> ")
    .replace(/\0+/g, "\\0")
    .split("\n");
  // Base images differ in layer count: consecutive equal lines count once.
  return lines.filter((line, index) => index === 0 || line !== lines[index - 1]).join("\n");
}
