import { parseHeredocWord } from "./heredoc.ts";
import type { AddInstruction, CopyFields, CopyInstruction, SourceContent } from "./instruction.ts";
import { InstructionFailure, type InstructionRequest } from "./instruction-request.ts";

function noDestination(keyword: string): InstructionFailure {
  return new InstructionFailure(
    `${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`,
  );
}

/**
 * Splits COPY/ADD arguments into sources and destination. A source written as a heredoc
 * delimiter (`<<file.txt`) becomes inline content (BuildKit); the destination cannot be one.
 */
function sourcesAndDestination(request: InstructionRequest, keyword: string): CopyFields {
  const args = request.args;
  const destination = args[args.length - 1] ?? "";
  const heredocSyntax = request.dialect !== "classic";
  if (heredocSyntax && parseHeredocWord(destination) !== undefined) {
    throw new InstructionFailure(`${keyword} cannot accept a heredoc as a destination`);
  }
  const byName = new Map(request.node.heredocs.map((heredoc) => [heredoc.name, heredoc]));
  const sources: string[] = [];
  const sourceContents: SourceContent[] = [];
  for (const source of args.slice(0, -1)) {
    const start = heredocSyntax ? parseHeredocWord(source) : undefined;
    if (start === undefined) {
      sources.push(source);
      continue;
    }
    const heredoc = byName.get(start.name);
    const data = heredoc === undefined ? "" : start.chomp ? heredoc.data : heredoc.content;
    sourceContents.push({ path: start.name, data, expand: start.expand });
  }
  const chown = request.flag("chown");
  const chmod = request.flag("chmod");
  return {
    sources,
    sourceContents,
    destination,
    ...(chown === undefined ? {} : { chown }),
    ...(chmod === undefined ? {} : { chmod }),
    link: request.boolFlag("link"),
    exclude: request.flags().lists.get("exclude") ?? [],
  };
}

/** COPY [--from] [--chown] [--chmod] [--link] [--parents] [--exclude] src… dest. */
export function parseCopy(request: InstructionRequest): CopyInstruction {
  if (request.args.length < 2) throw noDestination("COPY");
  request.flags();
  const fields = sourcesAndDestination(request, "COPY");
  const from = request.flag("from");
  return {
    ...request.base("COPY"),
    ...fields,
    ...(from === undefined ? {} : { from }),
    parents: request.boolFlag("parents"),
  };
}

/** ADD [--chown] [--chmod] [--link] [--checksum] [--keep-git-dir] [--unpack] [--exclude] src… dest. */
export function parseAdd(request: InstructionRequest): AddInstruction {
  if (request.args.length < 2) throw noDestination("ADD");
  const flags = request.flags();
  const fields = sourcesAndDestination(request, "ADD");
  const checksum = request.flag("checksum");
  return {
    ...request.base("ADD"),
    ...fields,
    ...(checksum === undefined ? {} : { checksum }),
    ...(flags.used.includes("keep-git-dir")
      ? { keepGitDir: request.boolFlag("keep-git-dir") }
      : {}),
    ...(flags.used.includes("unpack") ? { unpack: request.boolFlag("unpack") } : {}),
  };
}
