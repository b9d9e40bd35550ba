/**
 * The command line. This module only declares commands and flags; each command's work
 * is imported when that command runs, so `appeal --help` and `--version` load nothing
 * heavy (no prompt library, no PDF library, not even the rules).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, reportFailure } from './io.js';
import { collect } from './rules-flags.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function rulesOptions(cmd: Command): Command {
  return cmd
    .option('--rules <dir>', 'add a directory of your own rule sets (repeatable; also APPEAL_RULES)', collect)
    .option('--rules-version <id@version>', 'pin a rule-set version, e.g. idds@2026.1 (repeatable)', collect);
}

/** Runs a command's action and turns its result or failure into the exit code. */
function action<A extends unknown[]>(run: (...args: A) => Promise<number>) {
  return async (...args: A) => {
    try {
      process.exitCode = await run(...args);
    } catch (e) {
      process.exitCode = reportFailure(e);
    }
  };
}

export function buildProgram(): Command {
  const program = new Command('appeal')
    .description('Find what an insurance appeal for pain-management care is missing, and write the letter.')
    .version(pkg.version, '-V, --version')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      `
Examples:
  $ appeal check examples/idds-complete.yaml
  $ appeal check cases/ --format json > findings.json
  $ appeal schema > case.schema.json

Exit codes: 0 ready, 1 required documentation missing, 2 invalid input or usage.`,
    );

  rulesOptions(
    program
      .command('check')
      .description('validate cases and list missing and satisfied documentation')
      .argument('<files...>', 'case files, directories or quoted globs such as "cases/**/*.yaml" (- for stdin)')
      .addOption(new Option('-f, --format <format>', 'output format (jsonl: one JSON object per case, streamed)').choices(['text', 'json', 'jsonl']).default('text'))
      .option('-r, --recursive', 'look for case files in sub-directories too')
      .option('-j, --jobs <n>', 'worker threads (default: the CPU count for 48 cases or more, else 1)')
      .option('-q, --quiet', 'no progress bar and no summary on stderr')
      .option('-v, --verbose', 'show every source and the full evidence text')
      .option('--no-color', 'never colour the output'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ appeal check examples/idds-complete.yaml
  $ appeal check cases/ -r --format json
  $ appeal check "cases/**/*.yaml" --format jsonl --jobs 4 > findings.jsonl`,
    )
    .action(action(async (files: string[], flags) => (await import('./check.js')).runCheck(files, flags)));

  program
    .command('schema')
    .description('print the JSON Schema of the case file (for editor completion)')
    .addHelpText('after', `
Example:
  $ appeal schema > case.schema.json
  then put "# yaml-language-server: $schema=case.schema.json" at the top of a case file`)
    .action(action(async () => (await import('./schema.js')).runSchema()));

  const rules = program.command('rules').description('browse the rule sets in force, their versions and sources');
  rulesOptions(rules.command('list', { isDefault: true }).description('list rule sets: id, version, effective date, treatments, requirements'))
    .addHelpText('after', '\nExample:\n  $ appeal rules list')
    .action(action(async (flags) => (await import('./rules.js')).runRulesList(flags)));
  rulesOptions(rules.command('show').description('show one rule set: each requirement with its check, severity and source').argument('<id>', 'rule-set id, e.g. idds (or id@version)'))
    .addHelpText('after', '\nExample:\n  $ appeal rules show idds')
    .action(action(async (id: string, flags) => (await import('./rules.js')).runRulesShow(id, flags)));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version are successes; every other commander error is a usage error.
      process.exitCode = e.exitCode === 0 || e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? EXIT.ok : EXIT.invalid;
      return;
    }
    process.exitCode = reportFailure(e);
  }
}

await main(process.argv);
