import assert from "node:assert/strict";
import { test } from "node:test";
import { splitCommandLine } from "../../../src/scenario/command-line.ts";

test("words, quotes and escapes as a shell splits them", () => {
  assert.deepEqual(splitCommandLine("docker build -t app:1  app"), {
    words: ["docker", "build", "-t", "app:1", "app"],
  });
  assert.deepEqual(splitCommandLine(`docker run busybox sh -c 'echo "hi there"'`), {
    words: ["docker", "run", "busybox", "sh", "-c", 'echo "hi there"'],
  });
  assert.deepEqual(splitCommandLine(String.raw`docker run busybox echo "a \"b\" \$c" x\ y`), {
    words: ["docker", "run", "busybox", "echo", 'a "b" $c', "x y"],
  });
  assert.deepEqual(splitCommandLine("docker run ''"), { words: ["docker", "run", ""] });
  assert.deepEqual(splitCommandLine("docker \\\n  ps"), { words: ["docker", "ps"] });
});

test("unbalanced quotes and shell operators are errors, not surprises", () => {
  assert.match(
    (splitCommandLine("docker run 'x") as { error: string }).error,
    /unterminated single quote/,
  );
  assert.match(
    (splitCommandLine('docker run "x') as { error: string }).error,
    /unterminated double quote/,
  );
  assert.match(
    (splitCommandLine("docker ps | wc -l") as { error: string }).error,
    /"\|" is not supported/,
  );
  assert.match(
    (splitCommandLine("docker ps > out") as { error: string }).error,
    /">" is not supported/,
  );
  assert.match((splitCommandLine("docker run x echo $HOME") as { error: string }).error, /"\$"/);
});
