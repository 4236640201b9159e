import * as nodeFs from "node:fs";
import type { CommandIo } from "../client/command-io.ts";
import { NodeHostFiles } from "./node-host-files.ts";

/** A CommandIo on the process's stdio, environment and working directory. */
export function nodeIo(): CommandIo & { release(): void } {
  let stdinUsed = false;
  return {
    stdout: { write: (chunk) => void process.stdout.write(chunk) },
    stderr: { write: (chunk) => void process.stderr.write(chunk) },
    stdin: () => {
      stdinUsed = true;
      return (async function* () {
        for await (const chunk of process.stdin) yield new Uint8Array(chunk as Buffer);
      })();
    },
    stdinIsTerminal: process.stdin.isTTY === true,
    stdoutIsTerminal: process.stdout.isTTY === true,
    env: process.env,
    files: new NodeHostFiles(process.cwd()),
    git: { fs: nodeFs },
    // Reading stdin keeps the process alive; once the command is done, stop reading it.
    release: () => {
      if (stdinUsed) process.stdin.destroy();
    },
  };
}
