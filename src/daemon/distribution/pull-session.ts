import type { RemoteRepository } from "../../registry/client/remote-repository.ts";
import type { DaemonContext } from "../daemon-context.ts";
import type { DaemonDistribution } from "./daemon-distribution.ts";
import type { EmitMessage } from "./message-stream.ts";

/** What the parts of one pull share. */
export interface PullSession {
  readonly ctx: DaemonContext;
  readonly distribution: DaemonDistribution;
  /** The source repository's session (scope `pull`). */
  readonly repository: RemoteRepository;
  /** The source's full name: `localhost:5000/mini`. */
  readonly name: string;
  /** Who pulls ("" when anonymous), recorded with the blobs' sources. */
  readonly account: string;
  readonly emit: EmitMessage;
}
