import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { digestOf } from "../../../src/digest/digest.ts";
import { isLimitExceeded } from "../../../src/errors/drydock-error.ts";
import { EMPTY_CONTAINER_CONFIG } from "../../../src/image/container-config.ts";
import {
  DEFAULT_IMAGE_CONFIG_LIMITS,
  type ImageConfig,
  normalizeGoTime,
  parseImageConfig,
  serializeImageConfig,
} from "../../../src/image/image-config.ts";
import { ImageFormatError } from "../../../src/image/image-format-error.ts";
import { fixtureBytes, fixtureText } from "./fixtures.ts";

const DOCKER_CONFIGS = [
  "image-config.docker.json.bytes",
  "config-all-instructions.docker.json.bytes",
  "config-scratch-shell-form.docker.json.bytes",
  "config-commit.docker.json.bytes",
  "config-import.docker.json.bytes",
  "config-busybox.docker.json.bytes",
];

function formatError(field: string): (error: unknown) => boolean {
  return (error) =>
    error instanceof ImageFormatError &&
    error.data.field === field &&
    error.code === "InvalidArgument";
}

describe("image config: byte-exact round trips", () => {
  for (const name of DOCKER_CONFIGS) {
    it(`re-serialises ${name} (written by dockerd) to the same bytes`, () => {
      const text = fixtureText(name);
      assert.equal(serializeImageConfig(parseImageConfig(text), "docker"), text);
    });
  }

  for (const name of ["skopeo-oci-config.json.bytes", "config-all-instructions.oci.json.bytes"]) {
    it(`re-serialises ${name} (written by skopeo) in OCI format to the same bytes`, () => {
      const text = fixtureText(name);
      assert.equal(serializeImageConfig(parseImageConfig(text), "oci"), text);
    });
  }

  it("converts dockerd's configs to OCI exactly as skopeo does", () => {
    const pairs = [
      ["image-config.docker.json.bytes", "skopeo-oci-config.json.bytes"],
      ["config-all-instructions.docker.json.bytes", "config-all-instructions.oci.json.bytes"],
    ] as const;
    for (const [docker, oci] of pairs) {
      assert.equal(
        serializeImageConfig(parseImageConfig(fixtureText(docker)), "oci"),
        fixtureText(oci),
      );
    }
  });

  it("hashes the recorded config bytes to the recorded image ID", () => {
    const bytes = fixtureBytes("image-config.docker.json.bytes");
    assert.equal(
      digestOf(bytes),
      "sha256:9af700bc989c5dc4c038638d790a6d10c8a5e2cc86d54ec1276bf0bc90611a1b",
    );
    assert.equal(
      digestOf(new TextEncoder().encode(serializeImageConfig(parseImageConfig(bytes)))),
      digestOf(bytes),
    );
  });
});

describe("image config: the model", () => {
  it("reads every instruction's trace in container.Config", () => {
    const config = parseImageConfig(fixtureText("config-all-instructions.docker.json.bytes"));
    const runtime = config.config!;
    assert.equal(runtime.user, "1000:1000");
    assert.deepEqual(runtime.exposedPorts, ["53/udp", "80/tcp"]);
    assert.deepEqual(runtime.healthcheck, {
      test: ["CMD-SHELL", "echo ok"],
      intervalNs: 5_000_000_000,
      timeoutNs: 3_000_000_000,
      startPeriodNs: 2_000_000_000,
      retries: 4,
    });
    assert.deepEqual(runtime.volumes, ["/data", "/logs"]);
    assert.deepEqual(runtime.onBuild, ["RUN echo onbuild"]);
    assert.deepEqual(runtime.shell, ["/bin/sh", "-ec"]);
    assert.equal(runtime.stopSignal, "SIGQUIT");
    assert.equal(runtime.cmd, null);
    assert.equal(config.author, "Jane <jane@example.com>");
    assert.equal(
      config.history?.filter((entry) => entry.emptyLayer !== true).length,
      config.rootfs.diffIds.length,
    );
  });

  it("keeps null apart from empty (Labels null in config, {} in container_config)", () => {
    const config = parseImageConfig(fixtureText("config-busybox.docker.json.bytes"));
    assert.equal(config.config?.labels, null);
    assert.deepEqual(config.containerConfig?.labels, {});
  });

  it("reads a StrSlice written as a single string", () => {
    const config = parseImageConfig(
      '{"os":"linux","config":{"Cmd":"echo hi"},"rootfs":{"type":"layers"}}',
    );
    assert.deepEqual(config.config?.cmd, ["echo hi"]);
  });

  it("writes the zero container_config and zero time Go cannot omit", () => {
    const config: ImageConfig = {
      architecture: "amd64",
      os: "linux",
      rootfs: { type: "layers", diffIds: [] },
    };
    const text = serializeImageConfig(config);
    assert.match(text, /"container_config":\{"Hostname":"",.*"Labels":null\}/);
    assert.match(text, /"created":"0001-01-01T00:00:00Z"/);
    assert.match(text, /"rootfs":\{"type":"layers"\}/);
    assert.deepEqual(parseImageConfig(text).containerConfig, EMPTY_CONTAINER_CONFIG);
    assert.match(
      serializeImageConfig(config, "oci"),
      /^\{"architecture":"amd64","os":"linux","config":\{\},"rootfs":\{"type":"layers","diff_ids":\[\]\}\}$/,
    );
  });

  it("sorts Go map keys by bytes, integer-like keys included", () => {
    const base = parseImageConfig(fixtureText("config-busybox.docker.json.bytes"));
    const config: ImageConfig = {
      ...base,
      config: { ...base.config!, labels: { b: "1", "10": "x", "9": "y", a: "2" } },
    };
    assert.match(serializeImageConfig(config), /"Labels":\{"10":"x","9":"y","a":"2","b":"1"\}/);
  });

  it("trims trailing zeros of times as Go re-marshals them", () => {
    assert.equal(normalizeGoTime("2026-01-01T00:00:00.120000000Z"), "2026-01-01T00:00:00.12Z");
    assert.equal(normalizeGoTime("2026-01-01T00:00:00.000Z"), "2026-01-01T00:00:00Z");
    assert.equal(normalizeGoTime("2026-01-01T00:00:00+01:00"), "2026-01-01T00:00:00+01:00");
  });
});

describe("image config: validation", () => {
  it("refuses a config without rootfs, or with another rootfs type", () => {
    assert.throws(() => parseImageConfig('{"os":"linux"}'), formatError("rootfs"));
    assert.throws(() => parseImageConfig('{"rootfs":{"type":"zfs"}}'), formatError("rootfs.type"));
  });

  it("names the offending member of a mistyped or invalid field", () => {
    assert.throws(
      () => parseImageConfig('{"rootfs":{"type":"layers","diff_ids":["sha256:abc"]}}'),
      formatError("rootfs.diff_ids[0]"),
    );
    assert.throws(
      () => parseImageConfig('{"rootfs":{"type":"layers"},"config":{"Env":"A=1"}}'),
      formatError("config.Env"),
    );
    assert.throws(
      () => parseImageConfig('{"rootfs":{"type":"layers"},"config":{"Tty":1}}'),
      formatError("config.Tty"),
    );
    assert.throws(
      () => parseImageConfig('{"rootfs":{"type":"layers"},"created":"yesterday"}'),
      formatError("created"),
    );
    assert.throws(
      () => parseImageConfig('{"rootfs":{"type":"layers"},"history":[{"created":"x"}]}'),
      formatError("history[0].created"),
    );
  });

  it("refuses non-JSON, invalid UTF-8 and non-objects", () => {
    assert.throws(() => parseImageConfig("{"), /invalid image config: not valid JSON/);
    assert.throws(() => parseImageConfig(new Uint8Array([0x7b, 0xff, 0x7d])), /not valid UTF-8/);
    assert.throws(() => parseImageConfig("[]"), /invalid image config: expected a JSON object/);
  });

  it("enforces its limits before parsing", () => {
    const limits = { ...DEFAULT_IMAGE_CONFIG_LIMITS, sizeBytesMax: 100 };
    assert.throws(
      () => parseImageConfig(fixtureText("image-config.docker.json.bytes"), { limits }),
      isLimitExceeded,
    );
    const few = { ...DEFAULT_IMAGE_CONFIG_LIMITS, diffIdCountMax: 2 };
    assert.throws(
      () => parseImageConfig(fixtureText("image-config.docker.json.bytes"), { limits: few }),
      formatError("rootfs.diff_ids"),
    );
  });
});
