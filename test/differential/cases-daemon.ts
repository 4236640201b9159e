import type { DiffCase } from "./diff-case.ts";

/** Commands that need the whole daemon: volumes, exec, cp, diff, tag, rmi. */
export const DAEMON_CASES: readonly DiffCase[] = [
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
  },
  {
    name: "volumes-named",
    about:
      "named volumes: created, filled from the image on first mount, shared between containers, in use, removed",
    files: {
      Dockerfile: "FROM busybox\nRUN mkdir /data && echo seeded > /data/seed\nVOLUME /data\n",
    },
    steps: [
      { kind: "build", tag: "dd-vn:1" },
      { kind: "cli", args: ["volume", "create", "dd-vn-vol"] },
      { kind: "cli", args: ["run", "--rm", "-v", "dd-vn-vol:/data", "dd-vn:1", "ls", "/data"] },
      {
        kind: "cli",
        args: ["run", "--rm", "-v", "dd-vn-vol:/data", "busybox", "sh", "-c", "echo w > /data/w"],
      },
      {
        kind: "cli",
        args: ["run", "--rm", "-v", "dd-vn-vol:/mnt", "busybox", "cat", "/mnt/w", "/mnt/seed"],
      },
      {
        kind: "cli",
        args: ["run", "--rm", "-v", "dd-vn-new:/data", "dd-vn:1", "cat", "/data/seed"],
      },
      { kind: "cli", args: ["create", "--name", "dd-vn-c", "-v", "dd-vn-vol:/data", "busybox"] },
      { kind: "cli", args: ["volume", "rm", "dd-vn-vol"] },
      { kind: "cli", args: ["volume", "ls", "--format", "{{.Name}} {{.Driver}}"] },
      { kind: "cli", args: ["rm", "dd-vn-c"] },
      { kind: "cli", args: ["volume", "rm", "dd-vn-vol", "dd-vn-new"] },
      { kind: "cli", args: ["volume", "inspect", "dd-vn-vol"] },
    ],
  },
  {
    name: "exec-more",
    about:
      "exec exit codes, -e and -w, a missing program, cp into and out of a container (files and directories), diff",
    files: {
      Dockerfile:
        'FROM busybox\nRUN mkdir -p /srv/d && echo one > /srv/d/one\nCMD ["sleep", "600"]\n',
      "host.txt": "from the host\n",
    },
    steps: [
      { kind: "build", tag: "dd-ex:1" },
      { kind: "cli", args: ["run", "-d", "--name", "dd-ex-c", "dd-ex:1"] },
      { kind: "cli", args: ["exec", "dd-ex-c", "sh", "-c", "echo out; echo err >&2; exit 4"] },
      {
        kind: "cli",
        args: ["exec", "-e", "A=1", "-w", "/srv", "dd-ex-c", "sh", "-c", "echo $A $(pwd)"],
      },
      { kind: "cli", args: ["exec", "-w", "/nowhere", "dd-ex-c", "pwd"] },
      { kind: "cli", args: ["exec", "dd-ex-c", "nope-command"] },
      { kind: "cli", args: ["cp", "host.txt", "dd-ex-c:/srv/d/"] },
      { kind: "cli", args: ["exec", "dd-ex-c", "cat", "/srv/d/host.txt"] },
      { kind: "cli", args: ["cp", "dd-ex-c:/srv/d", "-"] },
      { kind: "cli", args: ["cp", "dd-ex-c:/nope", "-"] },
      { kind: "cli", args: ["diff", "dd-ex-c"] },
      { kind: "cli", args: ["stop", "-t", "1", "dd-ex-c"] },
      { kind: "cli", args: ["exec", "dd-ex-c", "true"] },
      { kind: "cli", args: ["rm", "dd-ex-c"] },
    ],
  },
  {
    name: "rmi-conflicts",
    about:
      "rmi of an image with children, of an image a container uses (with and without -f), by ID with several tags",
    files: {
      Dockerfile: "FROM busybox\nRUN echo p > /p\n",
      "Dockerfile.child": "FROM dd-rc:parent\nRUN echo c > /c\n",
    },
    steps: [
      { kind: "build", tag: "dd-rc:parent" },
      { kind: "build", tag: "dd-rc:child", dockerfile: "Dockerfile.child" },
      { kind: "cli", args: ["tag", "dd-rc:child", "dd-rc:other"] },
      { kind: "cli", args: ["rmi", "dd-rc:parent"] },
      { kind: "cli", args: ["create", "--name", "dd-rc-c", "dd-rc:child"] },
      { kind: "cli", args: ["rmi", "dd-rc:child", "dd-rc:other"] },
      { kind: "cli", args: ["images", "--format", "{{.Repository}}:{{.Tag}}", "dd-rc"] },
      { kind: "cli", args: ["rmi", "dd-rc:nope"] },
      { kind: "cli", args: ["tag", "dd-rc:nope", "dd-rc:x"] },
      { kind: "cli", args: ["tag", "busybox", "dd-RC:x"] },
      { kind: "cli", args: ["rm", "dd-rc-c"] },
      { kind: "cli", args: ["create", "--name", "dd-rc-c2", "busybox"] },
      { kind: "cli", args: ["rm", "dd-rc-c2"] },
    ],
  },
];
