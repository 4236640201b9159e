/**
 * A simple model of a registry (repositories → tags → manifests, blobs linked per repository)
 * and the fast-check commands that drive a MemRegistry and the model side by side.
 */
import assert from "node:assert/strict";
import type fc from "fast-check";
import { type Digest, digestOf } from "../../../src/digest/digest.ts";
import type { MemRegistry } from "../../../src/registry/server/mem-registry.ts";
import {
  DOCKER_V2,
  decoder,
  dockerManifest,
  encoder,
  send,
  targetOf,
} from "../../unit/registry/server/server-helpers.ts";

export interface ModelRepository {
  readonly blobs: Set<Digest>;
  /** Manifest digest → the blobs it references. */
  readonly manifests: Map<Digest, readonly Digest[]>;
  readonly tags: Map<string, Digest>;
  tagged: boolean;
}

export interface RegistryModel {
  readonly repositories: Map<string, ModelRepository>;
}

export type Real = MemRegistry;
type Command = fc.Command<RegistryModel, Real>;

export const REPOSITORIES = ["a", "b", "lib/c"] as const;
export const BLOBS = ["one", "two", "three", "four"].map((text) => encoder.encode(text));
export const TAGS = ["1", "2", "latest"] as const;

function repo(model: RegistryModel, name: string): ModelRepository {
  let found = model.repositories.get(name);
  if (found === undefined) {
    found = { blobs: new Set(), manifests: new Map(), tags: new Map(), tagged: false };
    model.repositories.set(name, found);
  }
  return found;
}

/** Uploads in `chunks` PATCHes, then PUT. */
export class UploadCommand implements Command {
  constructor(
    readonly repository: string,
    readonly blob: number,
    readonly chunks: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: RegistryModel, real: Real): void {
    const bytes = BLOBS[this.blob]!;
    let location = targetOf(
      send(real, "POST", `/v2/${this.repository}/blobs/uploads/`).headers.location,
    );
    const step = Math.ceil(bytes.length / this.chunks);
    for (let at = 0; at < bytes.length; at += step) {
      const patched = send(real, "PATCH", location, { body: bytes.subarray(at, at + step) });
      assert.equal(patched.status, 202);
      location = targetOf(patched.headers.location);
    }
    const put = send(real, "PUT", `${location}&digest=${digestOf(bytes)}`);
    assert.equal(put.status, 201);
    repo(model, this.repository).blobs.add(digestOf(bytes));
  }
  toString(): string {
    return `upload(${this.repository}, ${this.blob}, ${this.chunks})`;
  }
}

/** Puts a manifest of config `blobs[0]` and layers `blobs[1..]`: 201, or 400 naming missing blobs. */
export class PutManifestCommand implements Command {
  constructor(
    readonly repository: string,
    readonly tag: string,
    readonly blobs: readonly number[],
  ) {}
  check(): boolean {
    return true;
  }
  run(model: RegistryModel, real: Real): void {
    const digests = this.blobs.map((index) => digestOf(BLOBS[index]!));
    const sized = this.blobs.map((index) => ({
      digest: digestOf(BLOBS[index]!),
      size: BLOBS[index]!.length,
    }));
    const body = dockerManifest(sized[0]!, sized.slice(1));
    const response = send(real, "PUT", `/v2/${this.repository}/manifests/${this.tag}`, {
      headers: { "content-type": DOCKER_V2 },
      body,
    });
    const known = model.repositories.get(this.repository)?.blobs ?? new Set<Digest>();
    // 2.8.2 checks config then layers one by one: a blob named twice is reported twice.
    const missing = digests.filter((digest) => !known.has(digest));
    if (missing.length > 0) {
      assert.equal(response.status, 400);
      const codes = JSON.parse(decoder.decode(response.body)).errors.map(
        (entry: { detail: string }) => entry.detail,
      );
      assert.deepEqual(codes, missing);
      return;
    }
    assert.equal(response.status, 201);
    const digest = digestOf(encoder.encode(body));
    assert.equal(response.headers["docker-content-digest"], digest);
    const repository = repo(model, this.repository);
    repository.manifests.set(digest, digests);
    repository.tags.set(this.tag, digest);
    repository.tagged = true;
  }
  toString(): string {
    return `put(${this.repository}:${this.tag}, [${this.blobs}])`;
  }
}

/** HEAD then GET by tag; the digest the model expects, its bytes, its blobs present. */
export class ReadTagCommand implements Command {
  constructor(
    readonly repository: string,
    readonly tag: string,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: RegistryModel, real: Real): void {
    const expected = model.repositories.get(this.repository)?.tags.get(this.tag);
    const got = send(real, "GET", `/v2/${this.repository}/manifests/${this.tag}`, {
      headers: { accept: DOCKER_V2 },
    });
    if (expected === undefined) {
      assert.equal(got.status, 404);
      return;
    }
    assert.equal(got.status, 200);
    assert.equal(digestOf(got.body), expected);
    for (const blob of model.repositories.get(this.repository)!.manifests.get(expected)!) {
      const fetched = send(real, "GET", `/v2/${this.repository}/blobs/${blob}`);
      assert.equal(digestOf(fetched.body), blob);
    }
  }
  toString(): string {
    return `read(${this.repository}:${this.tag})`;
  }
}

/** Mounts a blob from one repository into another: 201 if the source has it, else a session. */
export class MountCommand implements Command {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly blob: number,
  ) {}
  check(): boolean {
    return this.from !== this.to;
  }
  run(model: RegistryModel, real: Real): void {
    const digest = digestOf(BLOBS[this.blob]!);
    const response = send(
      real,
      "POST",
      `/v2/${this.to}/blobs/uploads/?from=${this.from}&mount=${digest}`,
    );
    const has = model.repositories.get(this.from)?.blobs.has(digest) ?? false;
    assert.equal(response.status, has ? 201 : 202);
    if (has) repo(model, this.to).blobs.add(digest);
    else assert.equal(send(real, "DELETE", targetOf(response.headers.location)).status, 204);
  }
  toString(): string {
    return `mount(${this.from} → ${this.to}, ${this.blob})`;
  }
}

/** Deletes the manifest a tag names (and so every tag naming it). */
export class DeleteTagCommand implements Command {
  constructor(
    readonly repository: string,
    readonly tag: string,
  ) {}
  check(model: Readonly<RegistryModel>): boolean {
    return model.repositories.get(this.repository)?.tags.has(this.tag) ?? false;
  }
  run(model: RegistryModel, real: Real): void {
    const repository = model.repositories.get(this.repository)!;
    const digest = repository.tags.get(this.tag)!;
    assert.equal(send(real, "DELETE", `/v2/${this.repository}/manifests/${digest}`).status, 202);
    repository.manifests.delete(digest);
    for (const [tag, named] of [...repository.tags])
      if (named === digest) repository.tags.delete(tag);
  }
  toString(): string {
    return `delete(${this.repository}:${this.tag})`;
  }
}

/** Lists tags and the catalog; compares with the model. */
export class ListCommand implements Command {
  constructor(readonly repository: string) {}
  check(): boolean {
    return true;
  }
  run(model: RegistryModel, real: Real): void {
    const repository = model.repositories.get(this.repository);
    const response = send(real, "GET", `/v2/${this.repository}/tags/list`);
    if (repository?.tagged !== true) {
      assert.equal(response.status, 404);
    } else {
      const tags = [...repository.tags.keys()].sort();
      assert.deepEqual(
        JSON.parse(decoder.decode(response.body)).tags,
        tags.length === 0 ? null : tags,
      );
    }
    const catalog = JSON.parse(decoder.decode(send(real, "GET", "/v2/_catalog").body)).repositories;
    assert.deepEqual(catalog, [...model.repositories.keys()].sort());
  }
  toString(): string {
    return `list(${this.repository})`;
  }
}

/** Garbage collection: blobs no manifest references disappear from every repository. */
export class CollectCommand implements Command {
  check(): boolean {
    return true;
  }
  run(model: RegistryModel, real: Real): void {
    real.garbageCollect();
    const referenced = new Set<Digest>();
    for (const repository of model.repositories.values())
      for (const blobs of repository.manifests.values())
        for (const blob of blobs) referenced.add(blob);
    for (const [name, repository] of model.repositories) {
      for (const blob of [...repository.blobs]) {
        if (!referenced.has(blob)) repository.blobs.delete(blob);
        assert.equal(real.hasBlob(name, blob), referenced.has(blob));
      }
    }
  }
  toString(): string {
    return "gc()";
  }
}
