/**
 * The command line. This module only declares commands and flags; each command's work
 * is imported when that command runs, so `appeal --help` and `--version` load nothing
 * heavy (no prompt library, no PDF library, not even the rules).
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { EXIT, reportFailure } from './io.js';
import { collect } from './rules-flags.js';
import { installSignalCleanup } from './signals.js';

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
  $ appeal init my-case.yaml --from-denial denial.txt
  $ appeal check examples/idds-complete.yaml
  $ appeal render examples/idds-complete.yaml --format pdf
  $ appeal check cases/ --format json > findings.json

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
      .option('--date <YYYY-MM-DD>', 'count days left to the deadline as of this date instead of today')
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

  rulesOptions(
    program
      .command('render')
      .description('write the letter for each case: every denial reason answered from the case\'s evidence')
      .argument('<files...>', 'case files, directories or quoted globs (- for stdin)')
      .option('-l, --letter <kind>', 'appeal, medical-necessity, external-review, records-request, peer-to-peer or step-therapy-exception (default: from the denial level)')
      .addOption(new Option('--format <format>', 'output format').choices(['md', 'pdf']).default('md'))
      .option('-o, --output <path>', 'write to this file (- for stdout); one case only')
      .option('--out-dir <dir>', 'write letters into this directory (default: next to each case)')
      .option('--date <YYYY-MM-DD>', 'the letter date (default: today); fixes the output for reproducible runs')
      .option('--templates <dir>', 'templates and partials/ that override the shipped ones by name')
      .option('--letterhead <file.yaml>', 'letterhead: name, address, phone, fax, email, logo')
      .option('--practice <name>', 'letterhead name (overrides --letterhead)')
      .option('--practice-address <text>', 'letterhead address; \\n separates lines')
      .option('--practice-phone <phone>', 'letterhead phone')
      .option('--practice-fax <fax>', 'letterhead fax')
      .option('--practice-email <email>', 'letterhead email')
      .option('--strict', 'refuse to write a letter while required documentation is missing (exit 1)')
      .option('--force', 'replace existing output files')
      .option('-r, --recursive', 'look for case files in sub-directories too')
      .option('-j, --jobs <n>', 'worker threads (default: the CPU count; runs under 48 cases stay on one thread)')
      .option('-q, --quiet', 'no per-case "wrote" lines, notes, progress or summary (warnings and errors still print)'),
  )
    .addHelpText(
      'after',
      `
Examples:
  $ appeal render examples/idds-complete.yaml --date 2026-11-23
  $ appeal render cases/ --letter records-request --out-dir letters/
  $ appeal render case.yaml --letter medical-necessity --letterhead clinic.yaml -o -

Exit codes: 0 written, 1 a letter failed (unanswered reason, existing file, --strict gaps), 2 invalid input.`,
    )
    .action(action(async (files: string[], flags) => (await import('./render.js')).runRender(files, flags)));


  rulesOptions(
    program
      .command('init')
      .description('start a case file: from a denial letter, flags, and (on a terminal) a short interview')
      .argument('[file]', 'the case file to write (- for standard output)', 'case.yaml')
      .option('--from-denial <file>', 'read dates, codes, plan type and reasons from the denial letter\'s text (- for stdin)')
      .addOption(new Option('--treatment <id>', 'the treatment denied').choices(['idds', 'scs', 'ketamine-infusion', 'epidural-steroid-injection', 'facet-rfa', 'opioid-therapy', 'physical-therapy', 'other']))
      .addOption(new Option('--reason <id>', 'a denial reason (repeatable); see rules/reasons.yaml').choices(['not-medically-necessary', 'step-therapy', 'missing-psych-eval', 'off-label', 'experimental', 'no-prior-authorization', 'insufficient-documentation', 'trial-required', 'frequency-limit', 'benefit-limit', 'dose-limit', 'coding-error', 'out-of-network', 'not-covered', 'other']).argParser(collect))
      .addOption(new Option('--plan <type>', 'how the insurance is held').choices(['erisa', 'aca-individual', 'medicare', 'medicare-advantage', 'medicaid', 'fehb', 'other']))
      .option('--insurer <name>', 'the insurance company')
      .option('--member-id <id>', 'the member ID on the insurance card')
      .option('--denial-date <YYYY-MM-DD>', 'the date printed on the denial')
      .option('--service-date <YYYY-MM-DD>', 'the date of service, if the treatment was given')
      .option('--reference <id>', 'the claim, case or authorization number')
      .addOption(new Option('--author <who>', 'who writes the appeal').choices(['patient', 'provider', 'representative']))
      .option('--representative <name>', 'your name, when you write for the patient (implies --author representative)')
      .option('--patient <name>', "the patient's full name")
      .option('--birth-date <YYYY-MM-DD>', "the patient's date of birth")
      .option('--provider <name>', 'the treating physician')
      .option('--specialty <text>', "the physician's specialty")
      .addOption(new Option('--stage <stage>', 'when it was denied').choices(['pre-service', 'post-service', 'concurrent']))
      .addOption(new Option('--level <level>', 'which decision this is').choices(['initial', 'internal-appeal', 'external-review']))
      .option('--state <XX>', 'two-letter state code')
      .option('--urgent', 'the denial was handled as urgent (expedited)')
      .option('--code <cpt>', 'a CPT/HCPCS code of the service (repeatable)', collect)
      .option('--diagnosis <icd10>', 'an ICD-10-CM diagnosis code (repeatable)', collect)
      .option('-y, --yes', 'never prompt: take the flags, the letter and defaults as they are')
      .option('--force', 'replace the file if it exists'),
  )
    .addHelpText(
      'after',
      `
Without a terminal (or with CI=true or --yes) init never prompts: it writes a skeleton from
the flags and the letter, with TODO placeholders for required values still unknown.

Examples:
  $ appeal init
  $ appeal init my-case.yaml --from-denial denial.txt
  $ appeal init case.yaml --yes --treatment idds --reason missing-psych-eval --plan erisa --denial-date 2026-10-14`,
    )
    .action(action(async (file: string, flags) => (await import('./init.js')).runInit(file, flags)));

  program
    .command('deadlines')
    .description("show each case's appeal path: next level, due date, days left, decision time")
    .argument('<files...>', 'case files or directories (- for stdin)')
    .option('--ics <file>', 'also write the filing deadlines to a calendar file (.ics)')
    .option('--date <YYYY-MM-DD>', 'count days left as of this date instead of today')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--force', 'overwrite the --ics file if it exists')
    .option('--no-color', 'never colour the output')
    .addHelpText('after', `
Examples:
  $ appeal deadlines examples/idds-complete.yaml
  $ appeal deadlines cases/ --date 2026-11-01 --ics deadlines.ics`)
    .action(action(async (files: string[], flags) => (await import('./deadlines.js')).runDeadlines(files, flags)));

  program
    .command('schema')
    .description('print the JSON Schema of the case file (for editor completion)')
    .addHelpText('after', `
Example:
  $ appeal schema > case.schema.json
  then put "# yaml-language-server: $schema=case.schema.json" at the top of a case file`)
    .action(action(async () => (await import('./schema.js')).runSchema()));

  const rules = program.command('rules').description('browse the rule sets in force, their versions and sources');
  rulesOptions(rules.command('list', { isDefault: true }).description('list rule sets: id, version, effective date, what they apply to, requirements, origin'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText('after', '\nExample:\n  $ appeal rules list\n  $ appeal rules list --rules my-rules/ --format json')
    .action(action(async (flags) => (await import('./rules.js')).runRulesList(flags)));
  rulesOptions(rules.command('show').description('show one rule set: each requirement with its check, severity and source').argument('<id>', 'rule-set id, e.g. idds (or id@version)'))
    .addHelpText('after', '\nExample:\n  $ appeal rules show idds')
    .action(action(async (id: string, flags) => (await import('./rules.js')).runRulesShow(id, flags)));
  rules
    .command('lint')
    .description('check rule-set files: schema, predicates, ids, sources, extends (exit 2 on errors)')
    .argument('[paths...]', 'rule-set files or directories (default: the shipped rules)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--date <YYYY-MM-DD>', 'judge "not verified for over a year" as of this date (default: today)')
    .addHelpText('after', '\nExamples:\n  $ appeal rules lint\n  $ appeal rules lint my-rules/ --format json')
    .action(action(async (paths: string[], flags) => (await import('./rules.js')).runRulesLint(paths, flags)));

  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  // Every command at every depth (e.g. `rules lint`), so a usage error exits 2, not 1.
  const override = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
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

installSignalCleanup();
await main(process.argv);
