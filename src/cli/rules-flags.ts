/** The flags every rule-using command shares: --rules DIR, APPEAL_RULES, --rules-version. */
import { delimiter } from 'node:path';
import { UsageError } from './io.js';

export interface RulesFlags {
  rules?: string[];
  rulesVersion?: string[];
}

/** User rule directories: APPEAL_RULES (a path list) first, then each --rules in order. */
export function rulesDirs(flags: RulesFlags, env: NodeJS.ProcessEnv = process.env): string[] {
  const fromEnv = (env.APPEAL_RULES ?? '').split(delimiter).filter(Boolean);
  return [...fromEnv, ...(flags.rules ?? [])];
}

/** `--rules-version idds@2026.1` (repeatable) -> { idds: '2026.1' }. */
export function parsePins(values: readonly string[] = []): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const v of values) {
    const m = /^([a-z0-9-]+)@(.+)$/.exec(v);
    if (!m) throw new UsageError(`--rules-version takes ID@VERSION, e.g. idds@2026.1 (got \`${v}\`)`);
    pins[m[1]!] = m[2]!;
  }
  return pins;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
