import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { testBaseImage } from "../../daemon/daemon-fixture.ts";
import {
  cliLines,
  collect,
  createWorld,
  type PushPullWorld,
  type TestHost,
} from "../../daemon/push-pull-world.ts";
import { recordedStream } from "../../registry/client/recorded.ts";
import { runLine } from "../helpers/run-line.ts";

interface CliCase {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

const cliCases: readonly CliCase[] = (
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL("../../../fixtures/push-pull/recorded-cli.json", import.meta.url)),
      "utf8",
    ),
  ) as { cases: CliCase[] }
).cases;

/** A recorded CLI case with the registry, digests and ids made comparable. */
function recordedCli(command: string): CliCase {
  const found = cliCases.find((item) => item.command === command);
  assert.ok(found, command);
  return found;
}

const shape = (text: string) =>
  text
    .replaceAll("localhost:5301", "localhost:5000")
    .replace(/sha256:[0-9a-f]{64}/g, "sha256:D")
    .replace(/^[0-9a-f]{12}: /gm, "ID: ");

function cli(world: PushPullWorld, host: TestHost, argv: readonly string[]) {
  return world.run(() => runLine(host.daemon, argv));
}

test("docker push and docker pull print dockerd's lines, as the CLI does off a terminal", async () => {
  const world = createWorld();
  const source = await world.daemon();
  const push = await cli(world, source, ["push", "localhost:5000/mini:1"]);
  assert.equal(push.exitCode, 0);
  const pushLines = push.stdout.trimEnd().split("\n");
  const recorded = cliLines(recordedStream("push-first"));
  assert.deepEqual(pushLines.map(shape).sort(), recorded.map(shape).sort());
  assert.equal(pushLines[0], "The push refers to repository [localhost:5000/mini]");
  assert.match(pushLines.at(-1)!, /^1: digest: sha256:[0-9a-f]{64} size: 1356$/);
  const digest = /sha256:[0-9a-f]{64}/.exec(pushLines.at(-1)!)![0];

  const target = await world.daemon({ images: [] });
  const pull = await cli(world, target, ["pull", "localhost:5000/mini:1"]);
  assert.equal(pull.exitCode, 0);
  const pullLines = pull.stdout.trimEnd().split("\n");
  // The CLI prints the reference after the stream; the recording holds the stream only.
  assert.equal(pullLines.pop(), "localhost:5000/mini:1");
  assert.deepEqual(pullLines.map(shape).sort(), cliLines(recordedStream("pull")).map(shape).sort());
  assert.equal(pullLines.at(-1), "Status: Downloaded newer image for localhost:5000/mini:1");

  const images = await cli(world, target, ["images", "--digests"]);
  const row = images.stdout.split("\n")[1]!.split(/ {2,}/);
  assert.deepEqual(row.slice(0, 3), ["localhost:5000/mini", "1", digest]);
  const inspect = await cli(world, target, [
    "inspect",
    "--format",
    "{{json .RepoDigests}}",
    "localhost:5000/mini:1",
  ]);
  assert.equal(inspect.stdout, `["localhost:5000/mini@${digest}"]\n`);

  const quiet = await cli(world, target, ["pull", "-q", "localhost:5000/mini:1"]);
  assert.equal(quiet.stdout, "localhost:5000/mini:1\n");
  const failed = await cli(world, target, ["pull", "localhost:5000/mini:nope"]);
  assert.equal(failed.exitCode, 1);
  assert.equal(
    failed.stderr,
    "Error response from daemon: manifest for localhost:5000/mini:nope not found: manifest unknown: manifest unknown\n",
  );
});

/** A registry holding `localhost:5000/bb:latest` (a runnable image) and a daemon without it. */
async function runnable() {
  const world = createWorld();
  const source = await world.daemon({ images: [testBaseImage("localhost:5000/bb:latest")] });
  await collect(world, source.daemon.imagePush("localhost:5000/bb", { tag: "latest" }));
  return { world, host: await world.daemon({ images: [] }) };
}

test("docker run of a missing image pulls it first, its progress on stderr", async () => {
  const { world, host } = await runnable();
  const run = await cli(world, host, ["run", "--rm", "localhost:5000/bb", "echo", "hi"]);
  assert.equal(run.exitCode, 0);
  assert.equal(run.stdout, recordedCli("docker run --rm localhost:5301/bb echo hi").stdout);
  const stderr = run.stderr.split("\n");
  assert.equal(stderr[0], "Unable to find image 'localhost:5000/bb:latest' locally");
  assert.equal(stderr[1], "latest: Pulling from bb");
  assert.ok(stderr.includes("Status: Downloaded newer image for localhost:5000/bb:latest"));
  assert.ok(stderr.some((line) => line.endsWith(": Pull complete")));

  // Present now: no pull, nothing on stderr.
  const again = await cli(world, host, ["run", "--rm", "localhost:5000/bb", "echo", "hi"]);
  assert.deepEqual([again.stdout, again.stderr], ["hi\n", ""]);
  // --pull=always asks the registry each time; the image is up to date.
  const always = await cli(world, host, [
    "run",
    "--rm",
    "--pull=always",
    "localhost:5000/bb",
    "echo",
    "hi",
  ]);
  const recorded = recordedCli("docker run --rm --pull=always localhost:5301/bb echo hi");
  assert.deepEqual(
    [always.stdout, shape(always.stderr)],
    [recorded.stdout, shape(recorded.stderr)],
  );
});

test("docker run --pull=never and docker create --pull=always", async () => {
  const { world, host } = await runnable();
  const never = await cli(world, host, [
    "run",
    "--rm",
    "--pull=never",
    "localhost:5000/bb",
    "echo",
    "hi",
  ]);
  const recorded = recordedCli("docker run --rm --pull=never localhost:5301/bb echo hi");
  assert.deepEqual(
    [never.exitCode, never.stdout, never.stderr],
    [recorded.exitCode, recorded.stdout, shape(recorded.stderr)],
  );
  const create = await cli(world, host, [
    "create",
    "--pull=always",
    "--name",
    "c1",
    "localhost:5000/bb",
    "true",
  ]);
  assert.equal(create.exitCode, 0);
  assert.match(create.stdout, /^[0-9a-f]{64}\n$/);
  const stderr = create.stderr.split("\n");
  assert.equal(stderr[0], "latest: Pulling from bb");
  assert.equal(stderr.at(-2), "Status: Downloaded newer image for localhost:5000/bb:latest");
  const bad = await cli(world, host, ["run", "--pull=sometimes", "localhost:5000/bb"]);
  assert.equal(bad.exitCode, 125);
  // A registry that cannot be reached: the pull's error, as the CLI wraps run failures.
  const down = await cli(world, host, ["run", "localhost:5999/bb"]);
  assert.equal(down.exitCode, 125);
  assert.equal(
    down.stderr,
    "Unable to find image 'localhost:5999/bb:latest' locally\n" +
      'docker: Error response from daemon: Get "http://localhost:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused\n\n' +
      "Run 'docker run --help' for more information\n",
  );
});

test("docker login succeeds, then fails with dockerd's words for a wrong password", async () => {
  const world = createWorld({
    auth: (user, _repository, wanted) => (user === "" ? [] : [...wanted]),
    users: { researcher: "dummy-pass" },
  });
  const host = await world.daemon();
  const ok = await cli(world, host, [
    "login",
    "-u",
    "researcher",
    "-p",
    "dummy-pass",
    "localhost:5000",
  ]);
  assert.deepEqual(
    [ok.exitCode, ok.stdout, ok.stderr],
    [
      0,
      "Login Succeeded\n",
      "WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n",
    ],
  );
  // The daemon remembers the login: a push without credentials goes through.
  const push = await cli(world, host, ["push", "localhost:5000/mini:1"]);
  assert.equal(push.exitCode, 0, push.stderr);
  const refused = await cli(world, host, [
    "login",
    "-u",
    "researcher",
    "-p",
    "wrong",
    "localhost:5000",
  ]);
  assert.equal(refused.exitCode, 1);
  assert.match(
    refused.stderr,
    /Error response from daemon: Get "http:\/\/localhost:5000\/v2\/": unauthorized: incorrect username or password\n$/,
  );
});

test("without a tag, push and pull say `Using default tag: latest`; pull ends with the full reference", async () => {
  const world = createWorld();
  const source = await world.daemon();
  assert.equal(
    (await cli(world, source, ["tag", "localhost:5000/mini:1", "localhost:5000/mini"])).exitCode,
    0,
  );
  const push = await cli(world, source, ["push", "localhost:5000/mini"]);
  assert.equal(push.exitCode, 0);
  assert.deepEqual(push.stdout.split("\n").slice(0, 2), [
    "Using default tag: latest",
    "The push refers to repository [localhost:5000/mini]",
  ]);
  const quiet = await cli(world, source, ["push", "-q", "localhost:5000/mini"]);
  assert.equal(quiet.stdout, "localhost:5000/mini:latest\n");

  const target = await world.daemon({ images: [] });
  const pull = await cli(world, target, ["pull", "localhost:5000/mini"]);
  assert.equal(pull.exitCode, 0);
  const lines = pull.stdout.trimEnd().split("\n");
  assert.deepEqual(lines.slice(0, 2), ["Using default tag: latest", "latest: Pulling from mini"]);
  assert.equal(lines.at(-1), "localhost:5000/mini:latest");
  const tagged = await cli(world, target, ["pull", "-q", "localhost:5000/mini:latest"]);
  assert.equal(tagged.stdout, "localhost:5000/mini:latest\n");
});
