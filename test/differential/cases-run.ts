import type { DiffCase } from "./diff-case.ts";

/** What a built image does when run: ENTRYPOINT/CMD, failures, what the layers hold. */
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
      { kind: "layers", image: "dd-white:1" },
    ],
  },
  {
    name: "entrypoint-matrix",
    about:
      "ENTRYPOINT exec/shell × CMD exec/shell, with and without run arguments, and --entrypoint overrides",
    files: {
      "Dockerfile.ee": 'FROM busybox\nENTRYPOINT ["echo", "ee"]\nCMD ["c1", "c2"]\n',
      "Dockerfile.es": 'FROM busybox\nENTRYPOINT ["echo", "es"]\nCMD echo shell-cmd\n',
      "Dockerfile.se": 'FROM busybox\nENTRYPOINT echo se "$0" "$@"\nCMD ["c1", "c2"]\n',
      "Dockerfile.ss": "FROM busybox\nENTRYPOINT echo ss $0\nCMD echo shell-cmd\n",
      "Dockerfile.cmd": 'FROM busybox\nCMD echo cmd "$HOME" $(pwd)\nWORKDIR /bin\n',
      "Dockerfile.reset": 'FROM busybox\nENTRYPOINT ["echo", "x"]\nCMD ["y"]\nENTRYPOINT []\n',
      "Dockerfile.base": 'FROM busybox\nENTRYPOINT ["echo", "base CMD reset:"]\n',
    },
    steps: [
      { kind: "build", tag: "dd-mx:ee", dockerfile: "Dockerfile.ee" },
      { kind: "run", image: "dd-mx:ee" },
      { kind: "run", image: "dd-mx:ee", cmd: ["a1", "a2"] },
      { kind: "run", image: "dd-mx:ee", entrypoint: "ls", cmd: ["-d", "/bin"] },
      { kind: "build", tag: "dd-mx:es", dockerfile: "Dockerfile.es" },
      { kind: "run", image: "dd-mx:es" },
      { kind: "run", image: "dd-mx:es", cmd: ["a1"] },
      { kind: "build", tag: "dd-mx:se", dockerfile: "Dockerfile.se" },
      { kind: "run", image: "dd-mx:se" },
      { kind: "run", image: "dd-mx:se", cmd: ["a1", "a2", "a3"] },
      { kind: "build", tag: "dd-mx:ss", dockerfile: "Dockerfile.ss" },
      { kind: "run", image: "dd-mx:ss" },
      { kind: "run", image: "dd-mx:ss", cmd: ["a1"] },
      { kind: "build", tag: "dd-mx:cmd", dockerfile: "Dockerfile.cmd" },
      { kind: "run", image: "dd-mx:cmd" },
      { kind: "run", image: "dd-mx:cmd", cmd: ["pwd"] },
      { kind: "run", image: "dd-mx:cmd", entrypoint: "echo" },
      { kind: "cli", args: ["run", "--rm", "--entrypoint", "", "dd-mx:ee", "echo", "no-entry"] },
      { kind: "build", tag: "dd-mx:reset", dockerfile: "Dockerfile.reset" },
      { kind: "run", image: "dd-mx:reset" },
      { kind: "build", tag: "dd-mx:base", dockerfile: "Dockerfile.base" },
      { kind: "run", image: "dd-mx:base" },
    ],
  },
  {
    name: "run-failures",
    about:
      "failing RUN forms in a build and failing docker run: exit codes, not-found and not-executable messages",
    files: {
      Dockerfile: "FROM busybox\nRUN nope-command\n",
      "Dockerfile.exec": 'FROM busybox\nRUN ["/no/such/binary", "x"]\n',
      "Dockerfile.false": "FROM busybox\nRUN echo to-stderr >&2 && false\n",
      "Dockerfile.ok":
        "FROM busybox\nRUN mkdir /dir && echo 'echo script' > /script && chmod 644 /script\n",
    },
    steps: [
      { kind: "build", tag: "dd-rf:1" },
      { kind: "build", tag: "dd-rf:1", dockerfile: "Dockerfile.exec" },
      { kind: "build", tag: "dd-rf:1", dockerfile: "Dockerfile.false" },
      { kind: "build", tag: "dd-rf:ok", dockerfile: "Dockerfile.ok" },
      { kind: "run", image: "dd-rf:ok", cmd: ["sh", "-c", "echo partial; exit 42"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["nope-command"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["/no/such/binary"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["/dir"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["/script"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["sh", "-c", "nope-command"] },
      { kind: "run", image: "dd-rf:ok", cmd: ["cat", "/missing"] },
    ],
  },
  {
    name: "whiteouts-opaque",
    about:
      "a directory removed and made again is opaque; a file of a lower layer replaced by a directory; a base-image link removed",
    files: {
      Dockerfile:
        "FROM busybox\nRUN mkdir -p /o/a /o/b /r && echo 1 > /o/a/f && echo r > /r/file\nRUN rm -rf /o && mkdir /o && echo new > /o/n && rm /r/file && mkdir /r/file && rm /bin/zcat\n",
    },
    steps: [
      { kind: "build", tag: "dd-opq:1" },
      { kind: "layers", image: "dd-opq:1" },
      { kind: "run", image: "dd-opq:1", cmd: ["ls", "-a", "/o", "/r/file"] },
      { kind: "run", image: "dd-opq:1", cmd: ["zcat"] },
    ],
  },
];
