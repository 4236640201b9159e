import { DrydockError } from "../../errors/drydock-error.ts";
import { goQuote } from "../../go/quote.ts";

/**
 * A word Docker's shell lexer cannot expand. The message is Docker's:
 * `failed to process "${A:?}": A: is not allowed to be unset`.
 */
export class ExpansionError extends DrydockError {
  readonly word: string;
  readonly reason: string;

  constructor(word: string, reason: string) {
    super("InvalidArgument", `failed to process ${goQuote(word)}: ${reason}`, {
      data: { word, reason },
    });
    this.name = "ExpansionError";
    this.word = word;
    this.reason = reason;
  }
}
