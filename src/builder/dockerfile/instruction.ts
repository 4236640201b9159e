import type { Heredoc } from "./heredoc.ts";
import type { RunMount } from "./run-mount.ts";

/** The instructions a Dockerfile may hold. */
export type InstructionKeyword =
  | "ADD"
  | "ARG"
  | "CMD"
  | "COPY"
  | "ENTRYPOINT"
  | "ENV"
  | "EXPOSE"
  | "FROM"
  | "HEALTHCHECK"
  | "LABEL"
  | "MAINTAINER"
  | "ONBUILD"
  | "RUN"
  | "SHELL"
  | "STOPSIGNAL"
  | "USER"
  | "VOLUME"
  | "WORKDIR";

/** Every keyword, sorted. */
export const INSTRUCTION_KEYWORDS: readonly InstructionKeyword[] = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];

/** What every instruction carries, whatever its keyword. */
export interface InstructionBase<K extends InstructionKeyword> {
  readonly keyword: K;
  /**
   * The text Docker prints in `Step N/M : <original>`: the logical line (continuations joined,
   * comment lines inside it dropped), trimmed, keyword in its original case.
   */
  readonly original: string;
  /** The arguments as split by the keyword's line parser (see `AstNode.args`). */
  readonly args: readonly string[];
  /** The flags as written, quotes removed (`--from=build`). */
  readonly flags: readonly string[];
  /** Exec (JSON array) form. */
  readonly json: boolean;
  /** Heredocs attached to the instruction (RUN, COPY, ADD, and ONBUILD of those). */
  readonly heredocs: readonly Heredoc[];
  /** First and last physical line, 1-based, heredoc bodies included. */
  readonly startLine: number;
  readonly endLine: number;
  /** The comment lines right above the instruction, without `#`. */
  readonly comments: readonly string[];
  /**
   * Syntax this instruction uses that Docker 20.10's classic builder lacks (`heredoc`,
   * `--link`…), so an executor emulating it can refuse them with Docker's message.
   */
  readonly buildkitFeatures: readonly string[];
}

/**
 * A command in exec or shell form (Docker's `ShellDependantCmdLine`). Exec form: `args` is the
 * argv. Shell form: `args` is `[text]` with the text exactly as written (no expansion, no quote
 * removal), or `[]` when the instruction had no arguments; the executor prepends the SHELL.
 */
export interface CommandLine {
  readonly args: readonly string[];
  readonly prependShell: boolean;
}

/** A `key=value` pair of ENV or LABEL, both still raw words: `expandWord` removes quotes. */
export interface KeyValue {
  readonly key: string;
  readonly value: string;
}

/** One name of an ARG instruction, with its raw default when it has one. */
export interface ArgDefinition {
  readonly key: string;
  readonly value?: string;
}

/** A COPY/ADD source given inline as a heredoc (BuildKit). */
export interface SourceContent {
  /** The file name: the heredoc's delimiter. */
  readonly path: string;
  readonly data: string;
  /** Whether the executor expands variables in `data` (unquoted delimiter). */
  readonly expand: boolean;
}

/** A healthcheck as Docker stores it in the image config (durations in nanoseconds, 0 = unset). */
export interface HealthConfig {
  /** `["NONE"]`, `["CMD", argv…]` or `["CMD-SHELL", text]`. */
  readonly test: readonly string[];
  readonly intervalNs: number;
  readonly timeoutNs: number;
  readonly startPeriodNs: number;
  readonly startIntervalNs: number;
  readonly retries: number;
}

/** `FROM [--platform=p] image [AS name]`: starts a stage. */
export interface FromInstruction extends InstructionBase<"FROM"> {
  /** The image or stage, unexpanded (`${IMG}:1`); expanded with the meta ARGs only. */
  readonly baseName: string;
  /** The `AS` name, lower-cased; undefined when the stage has none. */
  readonly stageName?: string;
  /** `--platform`, unexpanded. */
  readonly platform?: string;
}

/** `RUN [flags] command`: runs a command in a container and commits the result. */
export interface RunInstruction extends InstructionBase<"RUN"> {
  readonly command: CommandLine;
  /** Heredoc files (`RUN <<EOF`): the executor decides how the command uses them. */
  readonly files: readonly Heredoc[];
  readonly mounts: readonly RunMount[];
  /** `--network` (BuildKit): `default`, `none` or `host`; undefined when not given. */
  readonly network?: string;
  /** `--security` (BuildKit): `sandbox` or `insecure`; undefined when not given. */
  readonly security?: string;
  /** Names of the flags used, sorted; the classic builder refuses the first one at run time. */
  readonly flagsUsed: readonly string[];
}

/** `CMD command`: the image's default command. */
export interface CmdInstruction extends InstructionBase<"CMD"> {
  readonly command: CommandLine;
}

/** `ENTRYPOINT command`: the image's entrypoint. */
export interface EntrypointInstruction extends InstructionBase<"ENTRYPOINT"> {
  /** An empty command (`ENTRYPOINT []`, `ENTRYPOINT`) resets the entrypoint. */
  readonly command: CommandLine;
}

/** `SHELL ["exe", "arg"]`: the shell that shell-form commands run with. */
export interface ShellInstruction extends InstructionBase<"SHELL"> {
  readonly shell: readonly string[];
}

/** `ENV k=v…` or `ENV k v`: environment for later steps and the image. */
export interface EnvInstruction extends InstructionBase<"ENV"> {
  readonly pairs: readonly KeyValue[];
  /** Written `ENV key value…` (one pair, the value is the rest of the line). */
  readonly legacyForm: boolean;
}

/** `LABEL k=v…`: image labels. */
export interface LabelInstruction extends InstructionBase<"LABEL"> {
  readonly pairs: readonly KeyValue[];
  readonly legacyForm: boolean;
}

/** `ARG name[=default]…`: a build argument. */
export interface ArgInstruction extends InstructionBase<"ARG"> {
  readonly definitions: readonly ArgDefinition[];
}

/** COPY and ADD share their shape; ADD has no `--from` or `--parents`. */
export interface CopyFields {
  /** Source paths (or URLs for ADD), unexpanded. */
  readonly sources: readonly string[];
  /** Sources given as heredocs, in order. */
  readonly sourceContents: readonly SourceContent[];
  /** Destination, unexpanded. */
  readonly destination: string;
  readonly chown?: string;
  readonly chmod?: string;
  readonly link: boolean;
  readonly exclude: readonly string[];
}

/** `COPY [flags] src… dest`. */
export interface CopyInstruction extends InstructionBase<"COPY">, CopyFields {
  /** `--from`: a stage name, a stage index or an image. */
  readonly from?: string;
  readonly parents: boolean;
}

/** `ADD [flags] src… dest` (URLs and archives too). */
export interface AddInstruction extends InstructionBase<"ADD">, CopyFields {
  readonly checksum?: string;
  readonly keepGitDir?: boolean;
  readonly unpack?: boolean;
}

/** `ONBUILD instruction`: a trigger stored in the image for child builds. */
export interface OnbuildInstruction extends InstructionBase<"ONBUILD"> {
  /** The trigger as stored in the image config's `OnBuild` list (heredoc bodies appended). */
  readonly expression: string;
  /** The trigger's keyword, upper-cased. */
  readonly triggerKeyword: string;
  /**
   * The trigger, parsed; undefined when its own arguments are invalid, which Docker only reports
   * when a child build runs it (`ONBUILD COPY a` is accepted). A child build parses the strings of
   * its base image's `OnBuild` list with `parseOnbuildTrigger`.
   */
  readonly trigger?: StageCommand;
}

/** `WORKDIR path`. */
export interface WorkdirInstruction extends InstructionBase<"WORKDIR"> {
  readonly path: string;
}

/** `USER user[:group]`. */
export interface UserInstruction extends InstructionBase<"USER"> {
  readonly user: string;
}

/** `MAINTAINER text` (deprecated, still accepted). */
export interface MaintainerInstruction extends InstructionBase<"MAINTAINER"> {
  readonly maintainer: string;
}

/** `STOPSIGNAL signal`, checked after expansion (`checkStopSignal`). */
export interface StopsignalInstruction extends InstructionBase<"STOPSIGNAL"> {
  readonly signal: string;
}

/** `EXPOSE port[/proto]…`, checked after expansion (`exposedPorts`). */
export interface ExposeInstruction extends InstructionBase<"EXPOSE"> {
  /** Port words sorted as Docker sorts them (before expansion); see `expandPorts`. */
  readonly ports: readonly string[];
}

/** `VOLUME ["/a"]` or `VOLUME /a /b`. */
export interface VolumeInstruction extends InstructionBase<"VOLUME"> {
  readonly volumes: readonly string[];
}

/** `HEALTHCHECK [flags] CMD command` or `HEALTHCHECK NONE`. */
export interface HealthcheckInstruction extends InstructionBase<"HEALTHCHECK"> {
  readonly health: HealthConfig;
}

/** A fully parsed Dockerfile instruction, discriminated by `keyword`. */
export type Instruction =
  | AddInstruction
  | ArgInstruction
  | CmdInstruction
  | CopyInstruction
  | EntrypointInstruction
  | EnvInstruction
  | ExposeInstruction
  | FromInstruction
  | HealthcheckInstruction
  | LabelInstruction
  | MaintainerInstruction
  | OnbuildInstruction
  | RunInstruction
  | ShellInstruction
  | StopsignalInstruction
  | UserInstruction
  | VolumeInstruction
  | WorkdirInstruction;

/** The instructions that may appear inside a stage (everything but FROM). */
export type StageCommand = Exclude<Instruction, FromInstruction>;
