/**
 * Splits a scenario step's command line into words as a POSIX shell would for a simple command:
 * whitespace separates words, single quotes keep everything, double quotes keep everything but
 * `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the next character. No
 * expansion, pipes or redirections: a step is one docker command. Returns an error message
 * instead of words when quotes are unbalanced or a shell operator appears unquoted.
 */
export function splitCommandLine(text: string): { words: string[] } | { error: string } {
  const words: string[] = [];
  let word: string | undefined;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      index++;
    } else if (char === "'") {
      const end = text.indexOf("'", index + 1);
      if (end < 0) return { error: "unterminated single quote" };
      word = (word ?? "") + text.slice(index + 1, end);
      index = end + 1;
    } else if (char === '"') {
      const read = readDoubleQuoted(text, index + 1);
      if (read === undefined) return { error: "unterminated double quote" };
      word = (word ?? "") + read.value;
      index = read.end + 1;
    } else if (char === "\\") {
      if (index + 1 >= text.length) return { error: "a backslash ends the line" };
      // A backslash-newline joins lines, as in a shell.
      if (text[index + 1] !== "\n") word = (word ?? "") + text[index + 1];
      index += 2;
    } else if ("|&;<>()`$".includes(char)) {
      return {
        error: `shell syntax "${char}" is not supported: a step runs one docker command (quote it if it is an argument)`,
      };
    } else {
      word = (word ?? "") + char;
      index++;
    }
  }
  if (word !== undefined) words.push(word);
  return { words };
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number } | undefined {
  let value = "";
  for (let index = start; index < text.length; index++) {
    const char = text[index]!;
    if (char === '"') return { value, end: index };
    if (char === "\\" && index + 1 < text.length && '"\\$`'.includes(text[index + 1]!)) {
      value += text[++index];
      continue;
    }
    value += char;
  }
  return undefined;
}
