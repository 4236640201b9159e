import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { digestOf } from "../../src/digest/digest.ts";
import type { ContainerConfig } from "../../src/image/container-config.ts";
import {
  type ImageConfig,
  parseImageConfig,
  serializeImageConfig,
} from "../../src/image/image-config.ts";

const SEED = 11_27;
const RUNS = 300;

const text = fc.string({ maxLength: 10 });
const strings = fc.array(text, { maxLength: 3 });
const nullable = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const absent = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
const sortedSet = fc
  .uniqueArray(fc.stringMatching(/^[a-z0-9/]{1,8}$/), { maxLength: 3 })
  .map((items) => items.sort());
const positive = fc.integer({ min: 1, max: 2 ** 40 });

/** Container configs as dockerd's parser would leave them: omitempty members absent when empty. */
const containerConfig: fc.Arbitrary<ContainerConfig> = fc
  .record({
    hostname: text,
    domainname: text,
    user: text,
    attachStdin: fc.boolean(),
    attachStdout: fc.boolean(),
    attachStderr: fc.boolean(),
    exposedPorts: absent(sortedSet.filter((set) => set.length > 0)),
    tty: fc.boolean(),
    openStdin: fc.boolean(),
    stdinOnce: fc.boolean(),
    env: nullable(strings),
    cmd: nullable(strings),
    healthcheck: absent(
      fc.record({
        test: absent(fc.array(text, { minLength: 1, maxLength: 3 })),
        intervalNs: absent(positive),
        retries: absent(positive),
      }),
    ),
    argsEscaped: absent(fc.constant(true as const)),
    image: text,
    volumes: nullable(sortedSet),
    workingDir: text,
    entrypoint: nullable(strings),
    networkDisabled: absent(fc.constant(true as const)),
    macAddress: absent(fc.stringMatching(/^[0-9a-f:]{1,17}$/)),
    onBuild: nullable(strings),
    labels: nullable(fc.dictionary(text, text, { maxKeys: 3 })),
    stopSignal: absent(fc.constantFrom("SIGQUIT", "SIGTERM", "9")),
    stopTimeout: absent(fc.integer({ min: -5, max: 600 })),
    shell: absent(fc.array(text, { minLength: 1, maxLength: 3 })),
  })
  .map((config) => JSON.parse(JSON.stringify(config)) as ContainerConfig);

const time = fc
  .record({
    seconds: fc.integer({ min: 0, max: 4_102_444_800 }),
    nanos: fc.integer({ min: 0, max: 999_999_999 }),
  })
  .map(({ seconds, nanos }) => {
    const base = new Date(seconds * 1000).toISOString().slice(0, 19);
    const fraction = String(nanos).padStart(9, "0").replace(/0+$/, "");
    return `${base}${fraction === "" ? "" : `.${fraction}`}Z`;
  });

const imageConfig: fc.Arbitrary<ImageConfig> = fc
  .record({
    architecture: fc.constantFrom("amd64", "arm64"),
    os: fc.constant("linux"),
    variant: absent(fc.constantFrom("v8", "v7")),
    created: time,
    author: absent(text.filter((value) => value !== "")),
    config: absent(containerConfig),
    container: absent(fc.stringMatching(/^[a-f0-9]{64}$/)),
    containerConfig: containerConfig,
    dockerVersion: absent(fc.constant("20.10.24+dfsg1")),
    history: absent(
      fc.array(
        fc.record({
          created: time,
          createdBy: absent(text.filter((value) => value !== "")),
          emptyLayer: absent(fc.constant(true as const)),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    ),
    rootfs: fc.record({
      type: fc.constant("layers"),
      diffIds: fc.array(
        fc.uint8Array({ maxLength: 4 }).map((bytes) => digestOf(bytes)),
        { maxLength: 4 },
      ),
    }),
  })
  .map((config) => JSON.parse(JSON.stringify(config)) as ImageConfig);

describe("image configs (properties)", () => {
  it("parse(serialize(config)) gives the config back, null and empty kept apart", () => {
    fc.assert(
      fc.property(imageConfig, (config) => {
        const text = serializeImageConfig(config, "docker");
        assert.deepEqual(JSON.parse(JSON.stringify(parseImageConfig(text))), config);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("serialisation is a fixpoint in both formats, so the digest of our own bytes is stable", () => {
    fc.assert(
      fc.property(
        imageConfig,
        fc.constantFrom("docker" as const, "oci" as const),
        (config, format) => {
          const once = serializeImageConfig(config, format);
          const twice = serializeImageConfig(parseImageConfig(once), format);
          assert.equal(twice, once);
          assert.equal(
            digestOf(new TextEncoder().encode(twice)),
            digestOf(new TextEncoder().encode(once)),
          );
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("sorts only the top level of a Docker config", () => {
    fc.assert(
      fc.property(imageConfig, (config) => {
        const parsed = JSON.parse(serializeImageConfig(config)) as Record<string, unknown>;
        const keys = Object.keys(parsed);
        assert.deepEqual(keys, [...keys].sort());
        const inner = parsed.container_config as Record<string, unknown>;
        assert.deepEqual(Object.keys(inner).slice(0, 3), ["Hostname", "Domainname", "User"]);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
