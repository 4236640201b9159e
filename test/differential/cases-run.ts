import type { DiffCase } from "./diff-case.ts";

const PENDING_DAEMON =
  "needs the daemon and the client (docker exec/cp/diff/tag/rmi/volumes); the recording waits for them";

/** What a built image does when run, and the commands that need the whole daemon. */
export const RUN_CASES: readonly DiffCase[] = [
  {
    name: "entrypoint-cmd",
    about:
      "the ENTRYPOINT/CMD matrix: exec and shell forms, CMD as arguments, run-time overrides, resets",
    files: {
      Dockerfile: 'FROM busybox\nCMD ["echo", "cmd-only"]\n',
      "Dockerfile.exec": 'FROM busybox\nENTRYPOINT ["echo", "entry"]\nCMD ["default-arg"]\n',
      "Dockerfile.shell": 'FROM busybox\nENTRYPOINT echo shell-entry\nCMD ["ignored"]\n',
      "Dockerfile.reset": 'FROM busybox\nENTRYPOINT ["echo", "x"]\nCMD ["y"]\nENTRYPOINT []\n',
      "Dockerfile.shellcmd": "FROM busybox\nCMD echo shell-cmd $PATH\n",
    },
    steps: [
      { kind: "build", tag: "dd-ep:cmd" },
      { kind: "run", image: "dd-ep:cmd" },
      { kind: "run", image: "dd-ep:cmd", cmd: ["echo", "override"] },
      { kind: "build", tag: "dd-ep:exec", dockerfile: "Dockerfile.exec" },
      { kind: "run", image: "dd-ep:exec" },
      { kind: "run", image: "dd-ep:exec", cmd: ["run-arg"] },
      { kind: "build", tag: "dd-ep:shell", dockerfile: "Dockerfile.shell" },
      { kind: "run", image: "dd-ep:shell", cmd: ["not-passed"] },
      { kind: "build", tag: "dd-ep:reset", dockerfile: "Dockerfile.reset" },
      { kind: "build", tag: "dd-ep:shellcmd", dockerfile: "Dockerfile.shellcmd" },
      { kind: "run", image: "dd-ep:shellcmd" },
    ],
  },
  {
    name: "whiteouts",
    about: "files and directories deleted in a later layer are gone from the image (whiteouts)",
    files: {
      Dockerfile:
        'FROM busybox\nRUN mkdir -p /d/sub && echo f > /d/sub/f && echo g > /g\nRUN rm -rf /d/sub && rm /g && echo kept > /d/k\nCMD ["cat", "/d/k"]\n',
    },
    steps: [
      { kind: "build", tag: "dd-white:1" },
      { kind: "run", image: "dd-white:1" },
      { kind: "run", image: "dd-white:1", cmd: ["cat", "/g"] },
    ],
  },
  {
    name: "volumes",
    about: "VOLUME in the config; files written to a volume path by a later RUN are discarded",
    files: {
      Dockerfile: "FROM busybox\nVOLUME /data\nRUN echo lost > /data/file\nRUN echo kept > /kept\n",
    },
    steps: [
      { kind: "build", tag: "dd-vol:1" },
      { kind: "cli", args: ["run", "--rm", "dd-vol:1", "cat", "/data/file"] },
    ],
    pending:
      "RUN on a VOLUME path needs the daemon's volume mounts in build containers; " +
      PENDING_DAEMON,
  },
  {
    name: "exec-cp-diff",
    about: "docker exec, cp and diff on a container of a built image",
    files: { Dockerfile: 'FROM busybox\nRUN echo base > /base\nCMD ["sleep", "60"]\n' },
    steps: [
      { kind: "build", tag: "dd-exec:1" },
      { kind: "cli", args: ["run", "-d", "--name", "dd-exec-c", "dd-exec:1"] },
      { kind: "cli", args: ["exec", "dd-exec-c", "sh", "-c", "echo new > /new; rm /base"] },
      { kind: "cli", args: ["diff", "dd-exec-c"] },
      { kind: "cli", args: ["cp", "dd-exec-c:/new", "-"] },
      { kind: "cli", args: ["rm", "-f", "dd-exec-c"] },
    ],
    pending: PENDING_DAEMON,
  },
  {
    name: "tag-rmi",
    about: "tagging a built image, removing tags and the image with its untagged parents",
    files: { Dockerfile: "FROM busybox\nENV X=1\nRUN echo x > /x\n" },
    steps: [
      { kind: "build", tag: "dd-rmi:1" },
      { kind: "cli", args: ["tag", "dd-rmi:1", "dd-rmi:2"] },
      { kind: "cli", args: ["rmi", "dd-rmi:1"] },
      { kind: "cli", args: ["rmi", "dd-rmi:2"] },
    ],
    pending: PENDING_DAEMON,
  },
];
