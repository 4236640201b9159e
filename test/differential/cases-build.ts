// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile text, expanded by the builder, not by JavaScript
import type { DiffCase } from "./diff-case.ts";

/** Builds: the cache, stages, arguments, metadata instructions, failures. */
export const BUILD_CASES: readonly DiffCase[] = [
  {
    name: "mini-protocol",
    about:
      "the protocol recording's Dockerfile on busybox: every step kind once, then a cached rebuild",
    files: {
      Dockerfile:
        'FROM busybox\nLABEL org.example.research="protocol"\nARG V=0\nENV GREETING=hello V=${V}\nWORKDIR /app\nCOPY hello.txt /app/hello.txt\nRUN echo built-$V > /app/built.txt\nCMD ["sh","-c","echo $GREETING; cat /app/hello.txt"]\n',
      "hello.txt": "hello from the ctx\n",
    },
    steps: [
      { kind: "build", tag: "dd-mini:1", buildArgs: { V: "7" } },
      { kind: "build", tag: "dd-mini:1", buildArgs: { V: "7" } },
      { kind: "run", image: "dd-mini:1" },
    ],
  },
  {
    name: "cache-edit",
    about:
      "editing one COPY source: the steps before it hit the cache, it and every later step rebuild",
    files: {
      Dockerfile:
        'FROM busybox\nRUN echo one > /one\nCOPY a.txt /a.txt\nRUN echo two > /two\nCOPY b.txt /b.txt\nCMD ["cat", "/a.txt"]\n',
      "a.txt": "a version 1\n",
      "b.txt": "b\n",
    },
    steps: [
      { kind: "build", tag: "dd-cache:1" },
      { kind: "write", path: "a.txt", content: "a version 2\n" },
      { kind: "build", tag: "dd-cache:1" },
      { kind: "build", tag: "dd-cache:1" },
      { kind: "run", image: "dd-cache:1" },
    ],
  },
  {
    name: "cache-mtime",
    about: "the COPY cache key ignores mtimes: touching a source keeps every step cached",
    files: { Dockerfile: "FROM busybox\nCOPY a.txt /a.txt\nRUN echo done\n", "a.txt": "same\n" },
    steps: [
      { kind: "build", tag: "dd-mtime:1" },
      { kind: "touch", path: "a.txt" },
      { kind: "build", tag: "dd-mtime:1" },
    ],
  },
  {
    name: "no-cache",
    about: "--no-cache rebuilds every step, and the next plain build hits the newest images",
    files: { Dockerfile: "FROM busybox\nENV A=1\nRUN echo hi > /hi\n" },
    steps: [
      { kind: "build", tag: "dd-nocache:1" },
      { kind: "build", tag: "dd-nocache:1", noCache: true },
      { kind: "build", tag: "dd-nocache:1" },
    ],
  },
  {
    name: "multi-stage",
    about: "a builder stage, COPY --from by name and by index, a stage used as a base",
    files: {
      Dockerfile:
        'FROM busybox AS build\nRUN mkdir -p /out && echo artefact > /out/app.txt\nFROM build AS test\nRUN cat /out/app.txt\nFROM busybox\nCOPY --from=build /out/app.txt /app/\nCOPY --from=0 /out /copy\nCMD ["cat", "/app/app.txt"]\n',
    },
    steps: [
      { kind: "build", tag: "dd-multi:1" },
      { kind: "run", image: "dd-multi:1" },
    ],
  },
  {
    name: "multi-stage-target",
    about: "--target stops after the named stage; a rebuild of the full file reuses its steps",
    files: {
      Dockerfile:
        "FROM busybox AS base\nRUN echo base > /base\nFROM base AS dev\nENV MODE=dev\nFROM base\nENV MODE=prod\n",
    },
    steps: [
      { kind: "build", tag: "dd-target:dev", target: "dev" },
      { kind: "build", tag: "dd-target:prod" },
    ],
  },
  {
    name: "arg-env",
    about:
      "ARG defaults and --build-arg, ENV from ARG, ${V:-d} forms, RUN's |N prefix, the unused-arg warning",
    files: {
      Dockerfile:
        'ARG BASE=busybox\nFROM ${BASE}\nARG A=a-default\nARG B\nENV E1=${A} E2=${B:-b-unset} E3="${A}-${B}"\nRUN echo A=$A B=$B E1=$E1\nARG A\nRUN echo again $A\nLABEL l=${E2}\n',
    },
    steps: [
      { kind: "build", tag: "dd-args:1", buildArgs: { B: "from-cli", UNUSED: "x" } },
      { kind: "build", tag: "dd-args:2" },
    ],
  },
  {
    name: "metadata",
    about: "every config-only instruction, as recorded in config, container_config and history",
    files: {
      Dockerfile:
        'FROM busybox\nMAINTAINER someone <a@b.c>\nUSER 1000:1000\nEXPOSE 80 443/udp 8000-8001\nVOLUME /data /logs\nSTOPSIGNAL SIGTERM\nHEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD wget -q localhost || exit 1\nSHELL ["/bin/sh", "-xc"]\nONBUILD RUN echo triggered\nLABEL a=b "c d"="e f"\nENTRYPOINT ["/bin/echo"]\nCMD ["hello"]\nUSER 0\n',
    },
    steps: [
      { kind: "build", tag: "dd-meta:1", labels: { "opt.label": "from cli", "a.first": "1" } },
    ],
  },
  {
    name: "onbuild",
    about: "ONBUILD triggers run first in a child build (# Executing 2 build triggers)",
    files: {
      Dockerfile:
        "FROM busybox\nONBUILD RUN echo first trigger > /t1\nONBUILD COPY child.txt /child.txt\n",
      "Dockerfile.child": "FROM dd-onbuild:base\nRUN cat /t1 /child.txt\n",
      "child.txt": "from the child context\n",
    },
    steps: [
      { kind: "build", tag: "dd-onbuild:base" },
      { kind: "build", tag: "dd-onbuild:child", dockerfile: "Dockerfile.child" },
      { kind: "build", tag: "dd-onbuild:child", dockerfile: "Dockerfile.child" },
    ],
  },
  {
    name: "failing-run",
    about:
      "a RUN that exits 3 ends the build with errorDetail.code 3 and no tag; its steps before stay cached",
    files: {
      Dockerfile:
        "FROM busybox\nRUN echo before > /before\nRUN echo about to fail; exit 3\nRUN echo never\n",
    },
    steps: [
      { kind: "build", tag: "dd-fail:1" },
      { kind: "build", tag: "dd-fail:1" },
      { kind: "cli", args: ["image", "inspect", "--format", "{{.Id}}", "dd-fail:1"] },
    ],
  },
  {
    name: "workdir",
    about:
      "WORKDIR: a new directory is a layer, an existing one is empty_layer; relative and trailing-slash paths",
    files: {
      Dockerfile:
        "FROM busybox\nWORKDIR /app/\nWORKDIR ../w/./x\nWORKDIR /bin\nWORKDIR sub\nRUN touch here\n",
    },
    steps: [{ kind: "build", tag: "dd-workdir:1" }],
  },
  {
    name: "parse-error",
    about: "a Dockerfile error is an HTTP error before any step: exit 1, nothing built",
    files: { Dockerfile: "FROM busybox\nRUN echo ok\nFOO bar\n" },
    steps: [{ kind: "build", tag: "dd-parse:1" }],
  },
  {
    name: "stdin-dockerfile",
    about: "docker build - : a Dockerfile alone on stdin, wrapped by the CLI",
    files: {},
    steps: [
      {
        kind: "build",
        tag: "dd-stdin:1",
        stdinDockerfile: "FROM busybox\nRUN echo from-stdin > /f\n",
      },
    ],
  },
];
