import type { DiffCase } from "./diff-case.ts";

/** COPY and ADD: destination rules, hashes, ownership, .dockerignore, archives, errors. */
export const COPY_CASES: readonly DiffCase[] = [
  {
    name: "copy-rules",
    about:
      "file vs directory sources, trailing slashes, existing directories, WORKDIR-relative and multi-source destinations",
    files: {
      Dockerfile:
        'FROM busybox\nCOPY a.txt /new-name\nCOPY a.txt /dir/\nCOPY a.txt /bin\nCOPY src /src-content\nCOPY src /bin\nWORKDIR /work\nCOPY a.txt rel/\nCOPY a.txt src/in/b.txt /multi/\nCOPY src/*.txt /glob/\nCOPY src/i? /glob2/\nCMD ["cat", "/new-name", "/dir/a.txt", "/src-content/in/b.txt", "/work/rel/a.txt"]\n',
      "a.txt": "A\n",
      "src/top.txt": "top\n",
      "src/in/b.txt": "B\n",
      "src/run.sh": { content: "#!/bin/sh\necho run\n", mode: 0o755 },
    },
    steps: [
      { kind: "build", tag: "dd-copy:1" },
      { kind: "run", image: "dd-copy:1" },
    ],
  },
  {
    name: "copy-hashes",
    about: "file:, dir: and multi: hashes equal dockerd's for the same files and modes",
    files: {
      Dockerfile:
        "FROM busybox\nCOPY one.txt /one\nCOPY exec.sh /exec.sh\nCOPY tree /tree\nCOPY one.txt tree/ /both/\nCOPY . /all/\n",
      "one.txt": "1\n",
      "exec.sh": { content: "#!/bin/sh\n", mode: 0o755 },
      "tree/x": "x\n",
      "tree/deeper/y": "y\n",
    },
    steps: [{ kind: "build", tag: "dd-hash:1" }],
  },
  {
    name: "copy-chown",
    about: "--chown with numbers and with names from the image's /etc/passwd and /etc/group",
    files: {
      Dockerfile:
        'FROM busybox\nRUN mkdir -p /etc && echo "app:x:1001:1002::/:/bin/sh" > /etc/passwd && echo "grp:x:1003:" > /etc/group\nCOPY --chown=42:43 a.txt /n/\nCOPY --chown=app:grp a.txt /named/\nCOPY --chown=app:1003 dir /owned\n',
      "Dockerfile.fail": "FROM busybox\nCOPY --chown=nobody a.txt /fails\n",
      "a.txt": "a\n",
      "dir/f": "f\n",
    },
    steps: [
      { kind: "build", tag: "dd-chown:1" },
      { kind: "build", tag: "dd-chown:2", dockerfile: "Dockerfile.fail" },
    ],
  },
  {
    name: "copy-errors",
    about:
      "missing sources, paths outside the context, several sources without a trailing slash, --chmod",
    files: {
      Dockerfile: "FROM busybox\nCOPY nope.txt /x\n",
      "Dockerfile.outside": "FROM busybox\nCOPY ../outside /x\n",
      "Dockerfile.multi": "FROM busybox\nCOPY a.txt b.txt /not-a-dir\n",
      "Dockerfile.chmod": "FROM busybox\nCOPY --chmod=644 a.txt /x\n",
      "Dockerfile.glob": "FROM busybox\nCOPY *.nothing /x/\n",
      "a.txt": "a\n",
      "b.txt": "b\n",
    },
    steps: [
      { kind: "build", tag: "dd-copyerr:1" },
      { kind: "build", tag: "dd-copyerr:1", dockerfile: "Dockerfile.outside" },
      { kind: "build", tag: "dd-copyerr:1", dockerfile: "Dockerfile.multi" },
      { kind: "build", tag: "dd-copyerr:1", dockerfile: "Dockerfile.chmod" },
      { kind: "build", tag: "dd-copyerr:1", dockerfile: "Dockerfile.glob" },
    ],
  },
  {
    name: "dockerignore",
    about:
      ".dockerignore: excluded files never reach COPY, exceptions do, an ignored Dockerfile is dropped",
    files: {
      ".dockerignore": "*.log\nsecret/\n!keep.log\nDockerfile\n",
      Dockerfile: "FROM busybox\nCOPY . /ctx/\nRUN cat /ctx/keep.log /ctx/app.txt\n",
      "app.txt": "app\n",
      "debug.log": "noise\n",
      "keep.log": "kept\n",
      "secret/key": "k\n",
    },
    steps: [{ kind: "build", tag: "dd-ignore:1" }],
  },
  {
    name: "add-archive",
    about:
      "ADD unpacks a local tar (plain and gzip) into a directory, copies other files as they are, and cannot download",
    files: {
      Dockerfile:
        "FROM busybox\nADD plain.tar /plain/\nADD packed.tar.gz /gz\nADD note.txt /note.txt\nRUN cat /plain/t/f /gz/t/f /note.txt\n",
      "Dockerfile.url": "FROM busybox\nADD http://example.invalid/file.txt /file.txt\n",
      "note.txt": "not an archive\n",
      "plain.tar": { archive: { "t/f": "plain tar\n" }, gzip: false },
      "packed.tar.gz": { archive: { "t/f": "gzipped tar\n" }, gzip: true },
    },
    steps: [
      { kind: "build", tag: "dd-add:1" },
      { kind: "build", tag: "dd-add:2", dockerfile: "Dockerfile.url" },
    ],
  },
];
