// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Dockerfile words, not templates
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Instruction } from "../../../../src/builder/dockerfile/instruction.ts";
import { parseDockerfile, parseOnbuildTrigger } from "../../../../src/builder/dockerfile/parser.ts";

function only(line: string, dialect: "extended" | "classic" = "extended"): Instruction {
  const instruction = parseDockerfile(`FROM a\n${line}\n`, { dialect }).instructions[1];
  assert.ok(instruction !== undefined);
  return instruction;
}

function pick(instruction: Instruction, keys: readonly string[]): Record<string, unknown> {
  const record = instruction as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

describe("typed instructions", () => {
  it("FROM: base, lower-cased stage name, platform", () => {
    const from = parseDockerfile("from --platform=$P ${IMG}:1 as Build\n").instructions[0];
    assert.deepEqual(
      pick(from as Instruction, ["keyword", "original", "baseName", "stageName", "platform"]),
      {
        keyword: "FROM",
        original: "from --platform=$P ${IMG}:1 as Build",
        baseName: "${IMG}:1",
        stageName: "build",
        platform: "$P",
      },
    );
  });

  it("RUN, CMD, ENTRYPOINT: exec or shell form; the shell text stays as written", () => {
    assert.deepEqual(pick(only("RUN  echo  $A  "), ["command", "json"]), {
      command: { args: ["echo  $A"], prependShell: true },
      json: false,
    });
    assert.deepEqual(pick(only('CMD ["a", "$B"]'), ["command", "json"]), {
      command: { args: ["a", "$B"], prependShell: false },
      json: true,
    });
    assert.deepEqual(pick(only("CMD"), ["command"]), { command: { args: [], prependShell: true } });
    assert.deepEqual(pick(only("ENTRYPOINT []"), ["command"]), {
      command: { args: [], prependShell: false },
    });
  });

  it("ENV, LABEL: raw key/value words, legacy form flagged", () => {
    assert.deepEqual(pick(only(`ENV a="1 2" b=$c`), ["pairs", "legacyForm"]), {
      pairs: [
        { key: "a", value: '"1 2"' },
        { key: "b", value: "$c" },
      ],
      legacyForm: false,
    });
    assert.deepEqual(pick(only("ENV a  b  c"), ["pairs", "legacyForm"]), {
      pairs: [{ key: "a", value: "b  c" }],
      legacyForm: true,
    });
  });

  it("ARG: names with and without defaults", () => {
    assert.deepEqual(pick(only('ARG a b= c="x y"'), ["definitions"]), {
      definitions: [{ key: "a" }, { key: "b", value: "" }, { key: "c", value: '"x y"' }],
    });
  });

  it("COPY, ADD: sources, destination and flags", () => {
    const copy = only("COPY --from=build --chown=1:2 --chmod=644 a b /dst/");
    assert.deepEqual(
      pick(copy, [
        "sources",
        "destination",
        "from",
        "chown",
        "chmod",
        "link",
        "parents",
        "exclude",
      ]),
      {
        sources: ["a", "b"],
        destination: "/dst/",
        from: "build",
        chown: "1:2",
        chmod: "644",
        link: false,
        parents: false,
        exclude: [],
      },
    );
    assert.deepEqual(copy.buildkitFeatures, ["--chmod"]);
    const add = only("ADD --link --checksum=sha256:x --unpack=false --keep-git-dir http://x/a /a");
    assert.deepEqual(pick(add, ["sources", "link", "checksum", "unpack", "keepGitDir"]), {
      sources: ["http://x/a"],
      link: true,
      checksum: "sha256:x",
      unpack: false,
      keepGitDir: true,
    });
  });

  it("checks flag syntax with Docker 20.10's messages", () => {
    const cases: [string, string][] = [
      ["COPY --foo=1 a b", "Unknown flag: foo"],
      ["COPY --from a b", "Missing a value on flag: from"],
      ["COPY --link= a b", "Missing a value on flag: link"],
      ["COPY --link=maybe a b", "Expecting boolean value for flag link, not: maybe"],
      ["COPY --chown=1 --chown=2 a b", "Duplicate flag specified: chown"],
      ["WORKDIR --x /a", "Unknown flag: x"],
    ];
    for (const [line, reason] of cases) {
      assert.throws(
        () => only(line),
        { message: `dockerfile parse error line 2: ${reason}` },
        line,
      );
    }
    assert.deepEqual(
      pick(only("COPY --link=FALSE --exclude=a --exclude=b x y"), ["link", "exclude"]),
      {
        link: false,
        exclude: ["a", "b"],
      },
    );
  });

  it("BuildKit-only flags are unknown to the classic dialect", () => {
    for (const [line, flag] of [
      ["COPY --link a b", "link"],
      ["COPY --parents a b", "parents"],
      ["RUN --network=none x", "network"],
      ["HEALTHCHECK --start-interval=1s CMD x", "start-interval"],
    ]) {
      assert.throws(() => only(line ?? "", "classic"), {
        message: `dockerfile parse error line 2: Unknown flag: ${flag}`,
      });
      assert.doesNotThrow(() => only(line ?? ""));
    }
  });

  it("RUN: mounts, network, security, and the flags used", () => {
    const run = only(
      "RUN --mount=type=cache,target=/c,id=x --mount=type=secret,id=s,required --network=host make",
    );
    assert.deepEqual(pick(run, ["mounts", "network", "flagsUsed"]), {
      mounts: [
        { type: "cache", readOnly: false, required: false, target: "/c", id: "x" },
        { type: "secret", readOnly: true, required: true, id: "s" },
      ],
      network: "host",
      flagsUsed: ["mount", "network"],
    });
    assert.throws(() => only("RUN --network=bridge x"), {
      message: /invalid network mode "bridge"$/,
    });
    assert.throws(() => only("RUN --security=x y"), { message: /security "x" is not valid$/ });
  });

  it("HEALTHCHECK: test and durations in nanoseconds", () => {
    const check = only(
      "HEALTHCHECK --interval=1h30m --timeout=1.5s --start-period=250ms --retries=3 CMD curl x",
    );
    assert.deepEqual(pick(check, ["health"]), {
      health: {
        test: ["CMD-SHELL", "curl x"],
        intervalNs: 5_400_000_000_000,
        timeoutNs: 1_500_000_000,
        startPeriodNs: 250_000_000,
        startIntervalNs: 0,
        retries: 3,
      },
    });
    assert.deepEqual(pick(only("HEALTHCHECK --bogus NONE"), ["health"]).health, {
      test: ["NONE"],
      intervalNs: 0,
      timeoutNs: 0,
      startPeriodNs: 0,
      startIntervalNs: 0,
      retries: 0,
    });
  });

  it("EXPOSE sorts its words before expansion; VOLUME trims; single-word instructions keep blanks", () => {
    assert.deepEqual(pick(only("EXPOSE 8080 $P 443/tcp"), ["ports"]), {
      ports: ["$P", "443/tcp", "8080"],
    });
    assert.deepEqual(pick(only('VOLUME [" /a ", "/b"]'), ["volumes"]), { volumes: ["/a", "/b"] });
    assert.deepEqual(pick(only("USER a b"), ["user"]), { user: "a b" });
    assert.deepEqual(pick(only("STOPSIGNAL --x SIGINT"), ["signal", "flags"]), {
      signal: "SIGINT",
      flags: ["--x"],
    });
    assert.deepEqual(pick(only("MAINTAINER Jane <j@x>"), ["maintainer"]), {
      maintainer: "Jane <j@x>",
    });
  });

  it("ONBUILD: the trigger text for the image config, keyword upper-cased", () => {
    assert.deepEqual(
      pick(only("  onbuild   Label  a=b"), ["expression", "triggerKeyword", "original"]),
      {
        expression: "Label  a=b",
        triggerKeyword: "LABEL",
        original: "onbuild   Label  a=b",
      },
    );
  });

  it("ONBUILD: carries the parsed trigger when its arguments are valid", () => {
    const valid = only("ONBUILD COPY --chown=1 a /b");
    assert.ok(valid.keyword === "ONBUILD" && valid.trigger?.keyword === "COPY");
    assert.deepEqual(pick(valid.trigger, ["sources", "destination", "chown"]), {
      sources: ["a"],
      destination: "/b",
      chown: "1",
    });
    const invalid = only("ONBUILD COPY a");
    assert.ok(invalid.keyword === "ONBUILD");
    assert.equal(invalid.trigger, undefined);
    assert.equal(invalid.expression, "COPY a");
  });

  it("parses ONBUILD triggers when a child build runs them, with Docker's bare messages", () => {
    assert.equal(parseOnbuildTrigger("RUN echo hi").keyword, "RUN");
    assert.throws(() => parseOnbuildTrigger("COPY a"), {
      message:
        "COPY requires at least two arguments, but only one was provided. Destination could not be determined",
    });
    assert.throws(() => parseOnbuildTrigger("FOO x"), { message: "unknown instruction: FOO" });
    assert.throws(() => parseOnbuildTrigger("ENV a"), { message: "ENV must have two arguments" });
    assert.throws(() => parseOnbuildTrigger("RUN a\nRUN b"), {
      message: "onbuild trigger should be a single expression",
    });
  });
});
