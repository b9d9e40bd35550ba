/** The interview itself, driven like a person through @inquirer/testing's screen. */
// Must come before anything that imports @inquirer/prompts: it replaces the prompts with testable ones.
import { screen } from '@inquirer/testing/vitest';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { interview } from '../src/init/interview.js';
import { loadRules } from '../src/rules/load.js';

const library = loadRules();

describe('the interview asks what the rules need', () => {
  it('ESI: after the first-level answers, asks for procedures and measures, not for a pump trial', async () => {
    const out = new PassThrough();
    let said = '';
    out.on('data', (b) => (said += String(b)));
    const flagsDraft = { author: 'patient' as const, patient: { name: 'P', date_of_birth: '1950-01-01' }, plan: { type: 'medicare' as const, insurer: 'Noridian', member_id: 'M1' }, provider: { name: 'Dr A', specialty: 'Pain' }, service: { treatment: 'epidural-steroid-injection' as const }, denial: { date: '2026-11-03', reference: 'R1', stage: 'post-service' as const, reasons: ['frequency-limit' as const] } };
    const done = interview({ draft: flagsDraft, flagsDraft, library, found: [], today: '2026-11-23', out });

    // Every first-level question was answered by flags; the first prompt is rule-driven.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getScreen()).toContain('diagnosis code');
    screen.type('M54.16');
    screen.keypress('enter');
    await screen.next();
    screen.keypress('enter'); // no more diagnoses
    await screen.next();
    expect(said).toMatch(/Epidural steroid injection \(esi 2026\.1\)/);

    // Walk the rest: decline every optional entry until the document list, then pick imaging.
    let guard = 0;
    const asked: string[] = [];
    for (;;) {
      const s = screen.getScreen();
      asked.push(s.split('\n')[0]!);
      if (/Which of these documents/.test(s)) break;
      if (/Add an earlier procedure/.test(s)) {
        screen.type('y');
        screen.keypress('enter');
        await screen.next();
        expect(screen.getScreen()).toMatch(/❯ epidural-steroid-injection/); // the rules' kind first
        screen.keypress('enter');
        await screen.next();
        screen.type('2026-05-12');
        screen.keypress('enter');
        for (const v of ['8', '3', '', '120']) {
          await screen.next();
          if (v) screen.type(v);
          screen.keypress('enter');
        }
        await screen.next();
        screen.type('n');
        screen.keypress('enter');
      } else {
        screen.type('n');
        screen.keypress('enter');
      }
      await screen.next();
      if (++guard > 20) throw new Error(`stuck at: ${s}`);
    }
    expect(asked.join('\n')).not.toMatch(/intrathecal/);
    expect(screen.getScreen()).toContain('imaging');
    screen.keypress('space'); // the first kind listed
    screen.keypress('enter');
    for (const v of ['2025-12-01', 'Radiology', 'L5-S1 foraminal stenosis']) {
      await screen.next();
      screen.type(v);
      screen.keypress('enter');
    }
    const { draft } = await done;
    expect(draft.diagnoses).toEqual([{ code: 'M54.16' }]);
    expect(draft.history?.procedures).toEqual([{ kind: 'epidural-steroid-injection', date: '2026-05-12', pain_before: 8, pain_after: 3, duration_days: 120 }]);
    expect(draft.documents?.[0]).toMatchObject({ date: '2025-12-01', author: 'Radiology', result: 'L5-S1 foraminal stenosis' });
  });
});
