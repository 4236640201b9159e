import assert from "node:assert/strict";
import * as nodeFs from "node:fs";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import git from "isomorphic-git";
import { runCli } from "../../../src/cli/main.ts";
import { NodeHostFiles } from "../../../src/cli/node-host-files.ts";
import { bufferIo } from "../client/helpers/buffer-io.ts";

/** `docker build <git-url>#ref:dir` on a local repository, read on the client's side. */
describe("drydock build from a git repository", () => {
  let dir = "";
  let repo = "";

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "drydock-git-"));
    repo = join(dir, "repo");
    mkdirSync(join(repo, "app"), { recursive: true });
    const author = {
      name: "drydock",
      email: "drydock@example.com",
      timestamp: 1_700_000_000,
      timezoneOffset: 0,
    };
    await git.init({ fs: nodeFs, dir: repo, defaultBranch: "main" });
    writeFileSync(
      join(repo, "app", "Dockerfile"),
      'FROM busybox\nCOPY msg.txt /msg.txt\nCMD ["cat", "/msg.txt"]\n',
    );
    writeFileSync(join(repo, "app", "msg.txt"), "first\n");
    await git.add({ fs: nodeFs, dir: repo, filepath: "app" });
    await git.commit({ fs: nodeFs, dir: repo, message: "first", author });
    await git.tag({ fs: nodeFs, dir: repo, ref: "v1" });
    writeFileSync(join(repo, "app", "msg.txt"), "second\n");
    await git.add({ fs: nodeFs, dir: repo, filepath: "app" });
    await git.commit({ fs: nodeFs, dir: repo, message: "second", author });
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  async function drydock(...argv: string[]) {
    const buffers = bufferIo({ files: new NodeHostFiles(dir) });
    const io = { ...buffers.io, git: { fs: nodeFs } };
    const exitCode = await runCli(["--data-root", join(dir, "root"), ...argv], { io });
    return { exitCode, stdout: buffers.stdout(), stderr: buffers.stderr() };
  }

  it("builds the subdirectory at a ref: a tag and a branch give their own content", async () => {
    const tagged = await drydock("build", "-q", "-t", "at-tag", `file://${repo}#v1:app`);
    assert.equal(tagged.exitCode, 0, tagged.stderr);
    const branch = await drydock("build", "-q", "-t", "at-main", `${repo}/.git#main:app`);
    assert.equal(branch.exitCode, 0, branch.stderr);
    assert.equal((await drydock("run", "--rm", "at-tag")).stdout, "first\n");
    assert.equal((await drydock("run", "--rm", "at-main")).stdout, "second\n");
  });

  it("fails as an offline clone fails, for unknown refs and network remotes", async () => {
    const missing = await drydock("build", `${repo}#nope:app`);
    assert.equal(missing.exitCode, 1);
    assert.match(
      missing.stderr,
      /unable to 'git clone' to temporary context directory: .*couldn't find remote ref nope/,
    );
    const remote = await drydock("build", "git://example.com/repo.git");
    assert.equal(remote.exitCode, 1);
    assert.match(remote.stderr, /Could not resolve host: example\.com/);
  });
});
