import type { Bash, ExecResult } from "just-bash";
import { assert } from "../errors/assert.ts";

interface OutputAccounting {
  stdout: number;
  stderr: number;
}

type AccountResult = (result: ExecResult, site?: string, maximumPriorBytes?: number) => ExecResult;

interface ScopePrototype {
  accountResult: AccountResult;
  [FIXED]?: true;
}

type ExecInScope = (script: string, options: unknown, scope: object, ...rest: unknown[]) => unknown;

const FIXED: unique symbol = Symbol("drydock.accountingFixed");
const encoder = new TextEncoder();

function isBytes(result: ExecResult): boolean {
  return (
    result.stdoutKind === "bytes" ||
    (result.stdoutKind === undefined && result.stdoutEncoding === "binary")
  );
}

/**
 * just-bash 3.4.2 re-charges a redirected command's output counting binary stdout as UTF-8
 * text: with stderr beside it, more bytes are attributed to stdout than it holds, and the shell
 * fails the command with `bash: redirection: invalid stdout accounting` (exit 126) — e.g.
 * `dd if=/dev/urandom bs=16 count=1 2>/dev/null | od`. The total is right; only the split is
 * not. This moves the excess to stderr, where it belongs, before the scope checks it.
 */
function fixAccounting(result: ExecResult): ExecResult {
  const charged = (result as { internalOutputAccounting?: OutputAccounting })
    .internalOutputAccounting;
  if (charged === undefined || !isBytes(result) || charged.stdout <= result.stdout.length)
    return result;
  const fixed: OutputAccounting = {
    stdout: result.stdout.length,
    stderr: Math.min(
      encoder.encode(result.stderr).length,
      charged.stderr + charged.stdout - result.stdout.length,
    ),
  };
  if (Object.isExtensible(result)) {
    (result as { internalOutputAccounting?: OutputAccounting }).internalOutputAccounting = fixed;
    return result;
  }
  return { ...result, internalOutputAccounting: fixed } as ExecResult;
}

/**
 * Applies drydock's fixes to just-bash's execution scope, reached through this instance's
 * `execInScope` (the scope class is not exported). The version is pinned (3.4.2) and a unit
 * test checks the method is still there and the fix takes effect.
 */
export function applyJustBashFixes(bash: Bash): void {
  const instance = bash as unknown as { execInScope?: ExecInScope };
  const original = instance.execInScope;
  assert(typeof original === "function", "just-bash's Bash#execInScope moved");
  instance.execInScope = function (this: unknown, script, options, scope, ...rest) {
    patchScope(Object.getPrototypeOf(scope) as ScopePrototype);
    return original.call(this, script, options, scope, ...rest);
  };
}

function patchScope(prototype: ScopePrototype): void {
  if (prototype[FIXED] === true) return;
  const accountResult = prototype.accountResult;
  assert(typeof accountResult === "function", "just-bash's ExecutionScope#accountResult moved");
  prototype.accountResult = function (this: unknown, result, site, maximumPriorBytes) {
    return accountResult.call(this, fixAccounting(result), site, maximumPriorBytes);
  };
  prototype[FIXED] = true;
}
