import type { Digest } from "../../digest/digest.ts";
import type { RegistryClient } from "../../registry/client/registry-client.ts";
import type { RemoteRepository } from "../../registry/client/remote-repository.ts";
import type { DaemonContext } from "../daemon-context.ts";
import type { DaemonDistribution } from "./daemon-distribution.ts";
import type { EmitMessage } from "./message-stream.ts";

/** What the layers of one push share. */
export interface PushSession {
  readonly ctx: DaemonContext;
  readonly distribution: DaemonDistribution;
  readonly client: RegistryClient;
  /** The target repository's session (scope `push,pull`). */
  readonly repository: RemoteRepository;
  /** The target's full name (`localhost:5000/mini`), its path (`mini`) and domain. */
  readonly target: { readonly name: string; readonly path: string; readonly domain: string };
  /** Who pushes ("" when anonymous): sources recorded with the same account are tried first. */
  readonly account: string;
  readonly emit: EmitMessage;
  /** Digests already checked with `HEAD` in this push (dockerd checks each once). */
  readonly checkedDigests: Set<Digest>;
}
