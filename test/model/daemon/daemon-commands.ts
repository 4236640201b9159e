import fc from "fast-check";
import { CommitCommand } from "./commit-command.ts";
import { CreateCommand } from "./create-command.ts";
import type { DaemonModel } from "./daemon-model.ts";
import { KillCommand } from "./kill-command.ts";
import { PauseCommand } from "./pause-command.ts";
import type { RealDaemon } from "./real-daemon.ts";
import { RemoveContainerCommand } from "./remove-container-command.ts";
import { RemoveImageCommand } from "./remove-image-command.ts";
import { RestartCommand } from "./restart-command.ts";
import { RestartDaemonCommand } from "./restart-daemon-command.ts";
import { StartCommand } from "./start-command.ts";
import { StopCommand } from "./stop-command.ts";
import { TagCommand } from "./tag-command.ts";
import { UnpauseCommand } from "./unpause-command.ts";

const names = fc.constantFrom("c1", "c2");
const tags = fc.constantFrom("busybox:latest", "app:1", "app:2");

/** Random command sequences over a few names and tags, so commands keep meeting each other. */
export function daemonCommands(
  maxCommands: number,
): fc.Arbitrary<Iterable<fc.AsyncCommand<DaemonModel, RealDaemon>>> {
  return fc.commands(
    [
      fc.tuple(names, tags).map(([name, tag]) => new CreateCommand(name, tag)),
      names.map((name) => new StartCommand(name)),
      names.map((name) => new StopCommand(name)),
      names.map((name) => new KillCommand(name)),
      names.map((name) => new PauseCommand(name)),
      names.map((name) => new UnpauseCommand(name)),
      names.map((name) => new RestartCommand(name)),
      // Removals, commits and rmi weigh double: image chains and their pruning need them often.
      ...[1, 2].map(() =>
        fc
          .tuple(names, fc.boolean())
          .map(([name, force]) => new RemoveContainerCommand(name, force)),
      ),
      ...[1, 2].map(() => fc.tuple(names, tags).map(([name, tag]) => new CommitCommand(name, tag))),
      fc.tuple(tags, tags).map(([source, target]) => new TagCommand(source, target)),
      fc.constant(new RestartDaemonCommand()),
      ...[1, 2].map(() =>
        fc.tuple(tags, fc.boolean()).map(([tag, force]) => new RemoveImageCommand(tag, force)),
      ),
    ],
    { maxCommands, size: "large" },
  );
}
