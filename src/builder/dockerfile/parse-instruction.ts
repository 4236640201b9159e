import { goQuote } from "../../go/quote.ts";
import type { AstNode, DockerfileDialect } from "./ast.ts";
import { DockerfileParseError } from "./dockerfile-parse-error.ts";
import { goTrimSpace } from "./go-text.ts";
import type {
  ArgDefinition,
  ArgInstruction,
  EnvInstruction,
  ExposeInstruction,
  FromInstruction,
  Instruction,
  KeyValue,
  LabelInstruction,
  OnbuildInstruction,
  StageCommand,
  VolumeInstruction,
} from "./instruction.ts";
import {
  atLeastOneArgument,
  blankNames,
  exactlyOneArgument,
  InstructionFailure,
  InstructionRequest,
} from "./instruction-request.ts";
import {
  parseCmd,
  parseEntrypoint,
  parseHealthcheck,
  parseRun,
  parseShell,
} from "./parse-command-instructions.ts";
import { parseAdd, parseCopy } from "./parse-copy-instruction.ts";

/**
 * Turns one node into a typed instruction, checking its arguments and flags in the order and
 * with the words of Docker 20.10's `instructions.ParseInstruction`. Errors are
 * `dockerfile parse error line N: …` (`DockerfileParseError`, kind `instruction`).
 */
export function parseInstruction(node: AstNode, dialect: DockerfileDialect): Instruction {
  const request = new InstructionRequest(node, dialect);
  try {
    return dispatch(request);
  } catch (error) {
    if (!(error instanceof InstructionFailure)) throw error;
    throw new DockerfileParseError({
      kind: "instruction",
      reason: error.message,
      line: node.startLine,
      endLine: node.endLine,
    });
  }
}

function dispatch(request: InstructionRequest): Instruction {
  switch (request.keyword) {
    case "add":
      return parseAdd(request);
    case "arg":
      return parseArg(request);
    case "cmd":
      return parseCmd(request);
    case "copy":
      return parseCopy(request);
    case "entrypoint":
      return parseEntrypoint(request);
    case "env":
      return parseEnvLike(request, "ENV");
    case "expose":
      return parseExpose(request);
    case "from":
      return parseFrom(request);
    case "healthcheck":
      return parseHealthcheck(request);
    case "label":
      return parseEnvLike(request, "LABEL");
    case "onbuild":
      return parseOnbuild(request);
    case "run":
      return parseRun(request);
    case "shell":
      return parseShell(request);
    default:
      return parseSingleWord(request);
  }
}

function parseEnvLike<K extends "ENV" | "LABEL">(
  request: InstructionRequest,
  keyword: K,
): EnvInstruction | LabelInstruction {
  request.flags();
  const { args } = request;
  if (args.length === 0) throw atLeastOneArgument(keyword);
  const pairs: KeyValue[] = [];
  for (let i = 0; i + 1 < args.length; i += 2) {
    const key = args[i] ?? "";
    if (key === "") throw blankNames(keyword);
    pairs.push({ key, value: args[i + 1] ?? "" });
  }
  const legacyForm = request.node.legacyKeyValue;
  if (keyword === "ENV") return { ...request.base("ENV"), pairs, legacyForm };
  return { ...request.base("LABEL"), pairs, legacyForm };
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function parseFrom(request: InstructionRequest): FromInstruction {
  const { args } = request;
  let stageName: string | undefined;
  if (args.length === 3 && args[1]?.toLowerCase() === "as") {
    stageName = (args[2] ?? "").toLowerCase();
    if (!STAGE_NAME.test(stageName)) {
      throw new InstructionFailure(
        `invalid name for build stage: ${goQuote(args[2] ?? "")}, name can't start with a number or contain symbols`,
      );
    }
  } else if (args.length !== 1) {
    throw new InstructionFailure("FROM requires either one or three arguments");
  }
  const platform = request.flag("platform");
  return {
    ...request.base("FROM"),
    baseName: args[0] ?? "",
    ...(stageName === undefined ? {} : { stageName }),
    ...(platform === undefined ? {} : { platform }),
  };
}

function parseOnbuild(request: InstructionRequest): OnbuildInstruction {
  const { args } = request;
  if (args.length === 0) throw atLeastOneArgument("ONBUILD");
  request.flags();
  const trigger = goTrimSpace(args[0] ?? "").toUpperCase();
  if (trigger === "ONBUILD") {
    throw new InstructionFailure("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  }
  if (trigger === "MAINTAINER" || trigger === "FROM") {
    throw new InstructionFailure(`${trigger} isn't allowed as an ONBUILD trigger`);
  }
  let expression = request.node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, "");
  for (const heredoc of request.node.heredocs) expression += `\n${heredoc.content}${heredoc.name}`;
  const parsed = parseTrigger(request);
  return {
    ...request.base("ONBUILD"),
    expression,
    triggerKeyword: trigger,
    ...(parsed === undefined ? {} : { trigger: parsed }),
  };
}

function parseTrigger(request: InstructionRequest): StageCommand | undefined {
  const child = request.node.child;
  if (child === undefined) return undefined;
  try {
    const instruction = dispatch(new InstructionRequest(child, request.dialect));
    return instruction.keyword === "FROM" ? undefined : instruction;
  } catch (error) {
    if (error instanceof InstructionFailure) return undefined;
    throw error;
  }
}

function parseExpose(request: InstructionRequest): ExposeInstruction {
  if (request.args.length === 0) throw atLeastOneArgument("EXPOSE");
  request.flags();
  // Docker sorts the words before expanding them (Go's sort.Strings: byte order).
  const ports = [...request.args].sort(compareBytes);
  return { ...request.base("EXPOSE"), ports };
}

/** Go's string order (UTF-8 bytes), which differs from UTF-16 order above U+FFFF. */
export function compareBytes(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
    if (ea[i] !== eb[i]) return (ea[i] ?? 0) - (eb[i] ?? 0);
  }
  return ea.length - eb.length;
}

function parseVolume(request: InstructionRequest): VolumeInstruction {
  if (request.args.length === 0) throw atLeastOneArgument("VOLUME");
  request.flags();
  const volumes = request.args.map((volume) => goTrimSpace(volume));
  if (volumes.includes(""))
    throw new InstructionFailure("VOLUME specified can not be an empty string");
  return { ...request.base("VOLUME"), volumes };
}

function parseArg(request: InstructionRequest): ArgInstruction {
  // Docker never checks ARG's flags.
  if (request.args.length === 0) throw atLeastOneArgument("ARG");
  const definitions: ArgDefinition[] = request.args.map((arg) => {
    const eq = arg.indexOf("=");
    if (eq < 0) return { key: arg };
    if (eq === 0) throw blankNames("ARG");
    return { key: arg.slice(0, eq), value: arg.slice(eq + 1) };
  });
  return { ...request.base("ARG"), definitions };
}

/** WORKDIR, USER, MAINTAINER, STOPSIGNAL, VOLUME and unknown keywords. */
function parseSingleWord(request: InstructionRequest): Instruction {
  const only = (keyword: string): string => {
    if (request.args.length !== 1) throw exactlyOneArgument(keyword);
    return request.args[0] ?? "";
  };
  switch (request.keyword) {
    case "maintainer": {
      const maintainer = only("MAINTAINER");
      request.flags();
      return { ...request.base("MAINTAINER"), maintainer };
    }
    case "stopsignal":
      // Docker never checks STOPSIGNAL's flags.
      return { ...request.base("STOPSIGNAL"), signal: only("STOPSIGNAL") };
    case "user": {
      const user = only("USER");
      request.flags();
      return { ...request.base("USER"), user };
    }
    case "volume":
      return parseVolume(request);
    case "workdir": {
      const path = only("WORKDIR");
      request.flags();
      return { ...request.base("WORKDIR"), path };
    }
    default:
      throw new InstructionFailure(`unknown instruction: ${request.node.keyword.toUpperCase()}`);
  }
}
