/**
 * The composition root of scenario backends: the one place that decides which implementation of
 * `ScenarioBackend` a command gets. `sim` is drydock's simulator; `docker` is real Docker (private
 * dockerds and registries, or the user's dockerds). Domain code never names an implementation;
 * it asks this container for a backend by name, so a test or an embedding can bind its own.
 */
import { Container, type ServiceIdentifier } from "inversify";
import { DockerBackend, type DockerBackendOptions } from "../real/docker-backend.ts";
import type { ScenarioBackend } from "../scenario/backend/scenario-backend.ts";
import { SimBackend } from "../scenario/backend/sim-backend.ts";

/** The token every scenario backend is bound to, by name. */
export const SCENARIO_BACKEND: ServiceIdentifier<ScenarioBackend> =
  Symbol.for("drydock.ScenarioBackend");

/** The backends a user can choose. */
export const BACKEND_NAMES: readonly BackendName[] = ["sim", "docker"];
export type BackendName = "sim" | "docker";

/** How each backend is configured. */
export interface BackendWiring {
  readonly docker?: DockerBackendOptions;
}

/** A container holding both backends, each a singleton (the docker one keeps its dockerds). */
export function scenarioBackends(wiring: BackendWiring = {}): Container {
  const container = new Container();
  container
    .bind<ScenarioBackend>(SCENARIO_BACKEND)
    .toDynamicValue(() => new SimBackend())
    .inSingletonScope()
    .whenNamed("sim");
  container
    .bind<ScenarioBackend>(SCENARIO_BACKEND)
    .toDynamicValue(() => new DockerBackend(wiring.docker ?? {}))
    .inSingletonScope()
    .whenNamed("docker");
  return container;
}

/** The backend bound under `name`. */
export function backendNamed(container: Container, name: BackendName): ScenarioBackend {
  return container.get(SCENARIO_BACKEND, { name });
}
