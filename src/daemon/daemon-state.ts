import type { HostConfig } from "../engine/api-types.ts";
import type { ContainerConfig } from "../image/container-config.ts";
import type { ImageStoreJson } from "../image/image-store-json.ts";
import type { EndpointRecord, MountRecord } from "./container.ts";
import type { ContainerStateData } from "./container-state.ts";
import type { RngPositions } from "./daemon-rngs.ts";
import type { DistributionMetadataJson } from "./distribution/distribution-metadata.ts";
import type { UserIpam } from "./network-ipam.ts";

/** The manifest of a saved daemon (`SavedState.manifest`), canonical JSON. */
export interface DaemonStateJson {
  readonly format: "drydock-daemon-state";
  readonly version: 1;
  readonly daemonId: string;
  /** The virtual clock when the state was saved; a restored daemon continues from here. */
  readonly clockUs: number;
  /** Where each random stream stopped, so IDs never repeat across restarts. */
  readonly rng: RngPositions;
  /** Digests of every blob of the content store. */
  readonly content: readonly string[];
  readonly images: ImageStoreJson;
  readonly layerSizes: readonly (readonly [string, number])[];
  readonly containers: readonly ContainerJson[];
  readonly volumes: readonly VolumeJson[];
  readonly networks: readonly NetworkJson[];
  /** Which registry blobs hold the daemon's layers (absent in states saved before push/pull). */
  readonly distribution?: DistributionMetadataJson;
  /** What the embedding host keeps with the daemon (seed, boot count…); opaque here. */
  readonly host: Readonly<Record<string, unknown>>;
}

/** A container in the saved state: its record, and its writable layer and log as blobs. */
export interface ContainerJson {
  readonly id: string;
  readonly name: string;
  readonly createdUs: number;
  readonly path: string;
  readonly args: readonly string[];
  readonly config: ContainerConfig;
  readonly hostConfig: HostConfig;
  readonly imageId: string;
  readonly layerDiffIds: readonly string[];
  readonly state: ContainerStateData;
  readonly mounts: readonly MountRecord[];
  readonly endpoints: readonly EndpointRecord[];
  readonly restartCount: number;
  readonly hasBeenManuallyStopped: boolean;
  readonly hasBeenStartedBefore: boolean;
  readonly sandboxId: string;
  readonly restartBackoffUs: number;
  /** Digest of the writable layer's tar. */
  readonly upper: string;
  /** Digest of the log (JSON lines). */
  readonly log: string;
}

/** A volume in the saved state; its content is a blob. */
export interface VolumeJson {
  readonly name: string;
  readonly createdUs: number;
  readonly labels: Readonly<Record<string, string>> | null;
  readonly options: Readonly<Record<string, string>> | null;
  readonly anonymous: boolean;
  /** Digest of the content's tar. */
  readonly content: string;
}

/** A network in the saved state (addresses are not: no container runs in a saved daemon). */
export interface NetworkJson {
  readonly name: string;
  readonly id: string;
  readonly createdUs: number;
  readonly driver: string;
  readonly internal: boolean;
  readonly attachable: boolean;
  readonly ipamOptions: Readonly<Record<string, string>> | null;
  readonly showGateway: boolean;
  readonly subnet: { readonly base: number; readonly prefix: number } | null;
  /** Absent in states saved before user subnets, and for the default bridge. */
  readonly gateway?: number;
  readonly userIpam?: UserIpam;
  readonly options: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly predefined: boolean;
}
