/** Per-interface counters of `networks` in a stats sample. */
export interface NetworkStats {
  readonly rx_bytes: number;
  readonly rx_packets: number;
  readonly rx_errors: number;
  readonly rx_dropped: number;
  readonly tx_bytes: number;
  readonly tx_packets: number;
  readonly tx_errors: number;
  readonly tx_dropped: number;
}

/** CPU counters of a stats sample (nanoseconds). */
export interface CpuStats {
  readonly cpu_usage: {
    readonly total_usage: number;
    readonly percpu_usage?: readonly number[];
    readonly usage_in_kernelmode: number;
    readonly usage_in_usermode: number;
  };
  readonly system_cpu_usage?: number;
  readonly online_cpus?: number;
  readonly throttling_data: {
    readonly periods: number;
    readonly throttled_periods: number;
    readonly throttled_time: number;
  };
}

/**
 * One sample of `GET /containers/{id}/stats` in dockerd 20.10's shape (cgroup v1): `read` and
 * `preread` one second apart, CPU and memory counters, PIDs, block I/O, network interfaces.
 */
export interface ContainerStats {
  readonly read: string;
  readonly preread: string;
  readonly pids_stats: { readonly current?: number };
  readonly blkio_stats: Readonly<Record<string, readonly unknown[] | null>>;
  readonly num_procs: number;
  readonly storage_stats: Readonly<Record<string, never>>;
  readonly cpu_stats: CpuStats;
  readonly precpu_stats: CpuStats;
  readonly memory_stats: {
    readonly usage?: number;
    readonly max_usage?: number;
    readonly stats?: Readonly<Record<string, number>>;
    readonly limit?: number;
  };
  readonly name: string;
  readonly id: string;
  readonly networks?: Readonly<Record<string, NetworkStats>>;
}
