import type { TraceValue, WorkflowStep } from "../../trace/trace-event.ts";

/** A trace event read off a docker command's output, without its time and sequence number. */
export interface OutputEvent {
  readonly kind: string;
  readonly component: "builder" | "daemon";
  readonly step: WorkflowStep;
  readonly data: Readonly<Record<string, TraceValue>>;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const ARROW = /^ ---> ([0-9a-f]{12})$/;
const LAYER_STATUS = /^([0-9a-f]{12}): (.+)$/;

/**
 * Reads what a user sees a docker command do off its output, line by line, as the simulator's
 * trace events of the same kinds: for `docker build` the steps and each step's cache hit or miss
 * (`---> Using cache` or not; `FROM` counts as neither, as in the simulator) and the tags; for
 * `docker push` each layer uploaded, already there or mounted, and each retry (the first line of
 * a `Retrying in N seconds` countdown); for `docker pull` (also the pull `FROM` makes) each layer
 * downloaded or already there. On real Docker these are the events the walkthrough and the
 * scenario's `cache`/`events` expectations see; no other source tells them apart so exactly.
 */
export class OutputEventReader {
  #instruction: string | undefined;
  #usedCache = false;
  /** The image `Successfully built` named: the one the tags that follow point to. */
  #built = "";
  /** The last status of each layer: a retry countdown is one retry. */
  readonly #layerStatus = new Map<string, string>();
  readonly #retries = new Map<string, number>();

  /** The events one output line shows (a finished build step shows its hit or miss). */
  line(text: string): OutputEvent[] {
    const events: OutputEvent[] = [];
    const step = STEP.exec(text);
    if (step !== null) {
      events.push(...this.#closeStep());
      this.#instruction = step[3]!;
      this.#usedCache = false;
      events.push(
        builder("builder.step.start", {
          buildStep: Number(step[1]),
          stepCount: Number(step[2]),
          instruction: step[3]!,
        }),
      );
      return events;
    }
    if (text === " ---> Using cache") {
      this.#usedCache = true;
      return events;
    }
    const arrow = ARROW.exec(text);
    if (arrow !== null && this.#instruction !== undefined) {
      const instruction = this.#instruction;
      this.#instruction = undefined;
      if (/^from\b/i.test(instruction)) return events;
      return [
        this.#usedCache
          ? builder("builder.cache.hit", { image: arrow[1]! })
          : builder("builder.cache.miss", { reason: "ran" }),
      ];
    }
    if (text.startsWith("Successfully built ")) {
      this.#built = text.slice(19);
      return events;
    }
    if (text.startsWith("Successfully tagged ")) {
      events.push(builder("builder.image.tag", { reference: text.slice(20), image: this.#built }));
      return events;
    }
    const layer = LAYER_STATUS.exec(text);
    if (layer !== null) events.push(...this.#layer(layer[1]!, layer[2]!));
    return events;
  }

  /** What the end of the output shows: a build step that never finished still ran (a miss). */
  end(): OutputEvent[] {
    return this.#closeStep();
  }

  #closeStep(): OutputEvent[] {
    const instruction = this.#instruction;
    this.#instruction = undefined;
    if (instruction === undefined || /^from\b/i.test(instruction) || this.#usedCache) return [];
    return [builder("builder.cache.miss", { reason: "ran" })];
  }

  #layer(id: string, status: string): OutputEvent[] {
    const before = this.#layerStatus.get(id);
    this.#layerStatus.set(id, status);
    const digest = id;
    if (status === "Pushed") return [daemon("daemon.push.layer.upload", 5, { digest })];
    if (status === "Layer already exists")
      return [daemon("daemon.push.layer.exists", 5, { digest })];
    const mounted = /^Mounted from (.+)$/.exec(status);
    if (mounted !== null)
      return [daemon("daemon.push.layer.mount", 5, { digest, from: mounted[1]! })];
    const retry = /^Retrying in (\d+) seconds?$/.exec(status);
    if (retry !== null && !(before ?? "").startsWith("Retrying in")) {
      // dockerd shows the error as the layer's status just before the countdown.
      const count = (this.#retries.get(id) ?? 0) + 1;
      this.#retries.set(id, count);
      const data = {
        diffId: id,
        error: before ?? "",
        retry: count,
        delaySeconds: Number(retry[1]),
      };
      return [daemon("daemon.push.layer.retry", 5, data)];
    }
    if (status === "Pull complete") return [daemon("daemon.pull.layer.download", 6, { digest })];
    if (status === "Already exists") return [daemon("daemon.pull.layer.exists", 6, { digest })];
    return [];
  }
}

function builder(kind: string, data: Record<string, TraceValue>): OutputEvent {
  return { kind, component: "builder", step: 2, data };
}

function daemon(kind: string, step: WorkflowStep, data: Record<string, TraceValue>): OutputEvent {
  return { kind, component: "daemon", step, data };
}
