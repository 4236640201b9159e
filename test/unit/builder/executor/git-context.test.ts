import assert from "node:assert/strict";
import { describe, it } from "node:test";
import git from "isomorphic-git";
import { memfs } from "memfs";
import { parseGitRemote } from "../../../../src/builder/context/git-context.ts";
import type { JsonMessage } from "../../../../src/engine/json-message.ts";
import { makeHarness } from "./support/harness.ts";

const author = { name: "t", email: "t@example.com", timestamp: 1_767_225_600, timezoneOffset: 0 };

/** A repository in memory: `main` with two commits, a tag on the first, an app/ subdirectory. */
async function repository() {
  const { fs } = memfs();
  const dir = "/repos/app";
  await git.init({ fs, dir, defaultBranch: "main" });
  fs.mkdirSync(`${dir}/app`, { recursive: true });
  fs.writeFileSync(`${dir}/Dockerfile`, "FROM busybox\nCOPY . /src/\n");
  fs.writeFileSync(`${dir}/app/Dockerfile`, "FROM busybox\nCOPY run.sh /run.sh\n");
  fs.writeFileSync(`${dir}/app/run.sh`, "#!/bin/sh\necho v1\n", { mode: 0o755 });
  for (const path of ["Dockerfile", "app/Dockerfile", "app/run.sh"])
    await git.add({ fs, dir, filepath: path });
  await git.commit({ fs, dir, message: "one", author });
  await git.tag({ fs, dir, ref: "v1" });
  fs.writeFileSync(`${dir}/app/run.sh`, "#!/bin/sh\necho v2\n", { mode: 0o755 });
  await git.add({ fs, dir, filepath: "app/run.sh" });
  await git.commit({ fs, dir, message: "two", author });
  return { fs, dir };
}

async function build(
  url: string,
  h: ReturnType<typeof makeHarness>,
  tag: string,
): Promise<JsonMessage[]> {
  const messages: JsonMessage[] = [];
  for await (const message of h.builder.build({ kind: "remote", url }, { tags: [tag] }))
    messages.push(message);
  return messages;
}

describe("git build contexts (remote)", () => {
  it("splits <remote>#<ref>:<subdir> as dockerd does, ref defaulting to master", () => {
    assert.deepEqual(parseGitRemote("/repos/app#v1:app"), {
      remote: "/repos/app",
      ref: "v1",
      subdir: "app",
    });
    assert.deepEqual(parseGitRemote("git://host/x.git"), {
      remote: "git://host/x.git",
      ref: "master",
      subdir: "",
    });
    assert.throws(() => parseGitRemote("/r#-x"), /invalid refspec: -x/);
  });

  it("builds from a branch, a tag and a subdirectory of a local repository", async () => {
    const { fs } = await repository();
    const h = makeHarness({ git: { fs } });
    await build("/repos/app#main:app", h, "g:main");
    const text = (name: string, path: string) =>
      h.rootfs(name).then((root) => new TextDecoder().decode(root.readFile(path)));
    assert.equal(await text("g:main", "/run.sh"), "#!/bin/sh\necho v2\n");
    await build("file:///repos/app#v1:app", h, "g:v1");
    assert.equal(await text("g:v1", "/run.sh"), "#!/bin/sh\necho v1\n");
    assert.equal((await h.rootfs("g:v1")).stat("/run.sh").perm, 0o755);
    await build("/repos/app#main", h, "g:root");
    assert.deepEqual((await h.rootfs("g:root")).readdir("/src"), ["Dockerfile", "app"]);
    const received = h.trace.events.filter((e) => e.kind === "builder.context.receive");
    assert.ok(received.every((e) => e.data?.origin === "git" && e.step === 1));
  });

  it("fails like a fetch when the ref or the repository is missing", async () => {
    const { fs } = await repository();
    const h = makeHarness({ git: { fs } });
    await assert.rejects(
      build("/repos/app#nope", h, "x"),
      /error fetching: fatal: couldn't find remote ref nope/,
    );
    await assert.rejects(
      build("/repos/app#main:missing", h, "x"),
      /stat missing: no such file or directory/,
    );
    await assert.rejects(
      build("https://example.invalid/r.git", h, "x"),
      /Could not resolve host: example.invalid/,
    );
    await assert.rejects(
      build("http://example.invalid/ctx.tar", h, "x"),
      /lookup example.invalid: no such host/,
    );
  });
});
