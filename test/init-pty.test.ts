/**
 * The whole interactive `appeal init`, end to end through a pseudo-terminal, answered like a
 * person would: wait for each question on the screen, type, press Enter.
 *
 * The pseudo-terminal comes from `script` (util-linux), which is on most Linux machines;
 * when it is absent the tests are skipped with that reason (the prompts themselves are still
 * covered by init-prompts and init-interview).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../bin/appeal.js', import.meta.url));
const LETTER = fileURLToPath(new URL('../examples/denials/erisa-idds-psych-eval.txt', import.meta.url));
const hasScript = process.platform === 'linux' && spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const ENTER = '\r';
const CTRL_C = '\x03';
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A program on a pseudo-terminal, and a person at its keyboard. */
function terminal(args: string[], cwd: string) {
  const command = [process.execPath, BIN, ...args].map(shq).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', CI: '', TERM: 'xterm', COLUMNS: '120', LINES: '50' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  let mark = 0;
  child.stdout.on('data', (b: Buffer) => (screen += b.toString('utf8').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    /** Waits until `pattern` shows after the last answer, then types `keys`. */
    async answer(pattern: RegExp, keys: string, timeout = 15000): Promise<void> {
      const start = Date.now();
      while (!pattern.test(screen.slice(mark))) {
        if (Date.now() - start > timeout) throw new Error(`waited for ${pattern}; the screen shows:\n${screen.slice(mark).slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      mark = screen.length;
      // A person types, then looks at the screen before pressing Enter.
      for (const part of keys.split(/(?=\r)|(?<=\r)/)) {
        child.stdin.write(part);
        await new Promise((r) => setTimeout(r, 40));
      }
    },
    async exit(): Promise<{ code: number | null; screen: string }> {
      const code = await exited;
      child.stdin.end();
      return { code, screen };
    },
  };
}

describe.skipIf(!hasScript)('interactive init on a terminal (via `script`)', () => {
  it('from the denial letter to a checked case file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-pty-'));
    const t = terminal(['init', 'case.yaml', '--from-denial', LETTER], dir);
    await t.answer(/Values read from the letter/, ENTER);
    await t.answer(/Who is writing this appeal/, ENTER);
    await t.answer(/patient's full name/, `Margaret A. Ellison${ENTER}`);
    await t.answer(/date of birth/, `1961-9-23${ENTER}`);
    await t.answer(/Write the date as YYYY-MM-DD/, `${'\x7f'.repeat(9)}1961-09-23${ENTER}`);
    await t.answer(/How do you get this insurance/, ENTER); // ERISA, read from the letter
    await t.answer(/Insurance company/, `Acme Health Insurance Company${ENTER}`);
    await t.answer(/Member ID/, ENTER);
    await t.answer(/Which treatment was denied/, ENTER);
    await t.answer(/doctor who asked/, `Daniel R. Okafor, MD${ENTER}`);
    await t.answer(/specialty/, `Pain Medicine${ENTER}`);
    await t.answer(/Date printed on the denial/, ENTER);
    await t.answer(/authorization number/, ENTER);
    await t.answer(/When was it denied/, ENTER);
    await t.answer(/Why did the plan say no/, ENTER);
    await t.answer(/diagnosis code from your records/, ENTER);
    await t.answer(/Add a medicine tried/, `y${ENTER}`);
    await t.answer(/Medicine name/, `Morphine sulfate ER${ENTER}`);
    await t.answer(/What kind of medicine/, ENTER); // opioid: the rules' class comes first
    await t.answer(/Dose/, `30 mg twice daily${ENTER}`);
    await t.answer(/Started/, `2023-01-05${ENTER}`);
    await t.answer(/Stopped/, `2024-02-01${ENTER}`);
    await t.answer(/How did it end/, `\x1b[B\x1b[B${ENTER}`); // side-effects
    await t.answer(/Add another one\? \(medications\)/, `n${ENTER}`);
    await t.answer(/Add a therapy tried/, `n${ENTER}`);
    await t.answer(/Add an earlier procedure/, `n${ENTER}`);
    await t.answer(/Add a pain or function score/, `n${ENTER}`);
    await t.answer(/Which of these documents/, ` ${ENTER}`);
    await t.answer(/Date of this document/, `2026-09-30${ENTER}`);
    await t.answer(/Who wrote it/, ENTER);
    await t.answer(/What it says/, `Refractory pain; life expectancy well over 3 months${ENTER}`);
    const { code, screen } = await t.exit();
    expect(code).toBe(0);
    expect(screen).toContain('Wrote case.yaml');
    expect(screen).toContain('case.placeholders'); // the address was never asked
    const text = readFileSync(join(dir, 'case.yaml'), 'utf8');
    expect(text).toMatch(/name: Margaret A\. Ellison/);
    expect(text).toMatch(/type: erisa/);
    expect(text).toMatch(/date_of_birth: 1961-09-23\n/);
    expect(text).toMatch(/- name: Morphine sulfate ER\n\s+class: opioid\n\s+dose: 30 mg twice daily\n\s+start: 2023-01-05\n\s+end: 2024-02-01\n\s+outcome: side-effects/);
    expect(text).toMatch(/- missing-psych-eval/);
    const check = spawnSync(process.execPath, [BIN, 'check', 'case.yaml', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    expect(check.status).toBe(1);
    const satisfied = JSON.parse(check.stdout).cases[0].findings.filter((f: { status: string }) => f.status === 'satisfied').map((f: { id: string }) => f.id);
    expect(satisfied).toEqual(expect.arrayContaining(['idds.failed-systemic-opioids', 'idds.life-expectancy', 'idds.chronic-pain-diagnosis']));
  }, 60000);

  it('Ctrl-C in the middle leaves nothing written and exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'appeal-pty-'));
    const t = terminal(['init', 'case.yaml', '--treatment', 'scs'], dir);
    await t.answer(/Who is writing this appeal/, ENTER);
    await t.answer(/patient's full name/, `Tomas Villanueva${ENTER}`);
    await t.answer(/date of birth/, CTRL_C);
    const { code, screen } = await t.exit();
    expect(code).toBe(130);
    expect(screen).toContain('nothing was written');
    expect(existsSync(join(dir, 'case.yaml'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 30000);
});
