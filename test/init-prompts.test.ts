/** The interview's prompts, rendered and answered with @inquirer/testing. */
import { render } from '@inquirer/testing';
import { checkbox, input, select } from '@inquirer/prompts';
import { describe, expect, it } from 'vitest';
import { PLAN_CHOICES, QUESTIONS, TREATMENT_CHOICES } from '../src/init/questions.js';
import { loadRules } from '../src/rules/load.js';
import { DENIAL_REASONS, PLAN_TYPES } from '../src/case/schema.js';

const library = loadRules();

describe('prompt definitions', () => {
  it('plan type: plain words, each mapped to a plan type, with an explanation', async () => {
    const { answer, events, getScreen } = await render(select, { message: 'How do you get this insurance?', choices: PLAN_CHOICES, pageSize: PLAN_CHOICES.length });
    const shown = getScreen();
    expect(shown).toContain('Through an employer (private company)');
    expect(shown).toContain('Original Medicare (red, white and blue card)');
    expect(shown).toContain('governed by ERISA');
    events.keypress('down');
    events.keypress('down');
    events.keypress('down');
    expect(getScreen()).toContain('A private company runs your Medicare');
    events.keypress('enter');
    await expect(answer).resolves.toBe('medicare-advantage');
  });

  it('denial date: refuses a date that does not exist, then takes a good one', async () => {
    const { answer, events, getScreen, nextRender } = await render(input, { message: QUESTIONS.denialDate.message, validate: QUESTIONS.denialDate.validate });
    events.type('2026-02-30');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('Write the date as YYYY-MM-DD');
    for (let i = 0; i < 10; i++) events.keypress('backspace');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('This date is needed');
    events.type('2026-10-14');
    events.keypress('enter');
    await expect(answer).resolves.toBe('2026-10-14');
  });

  it('diagnosis: an ICD-10 shape, or empty to finish', async () => {
    const { answer, events, getScreen, nextRender } = await render(input, { message: QUESTIONS.diagnosis.message, validate: QUESTIONS.diagnosis.validate });
    events.type('back pain');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('ICD-10-CM code looks like');
    for (let i = 0; i < 9; i++) events.keypress('backspace');
    events.type('M54.16');
    events.keypress('enter');
    await expect(answer).resolves.toBe('M54.16');
  });

  it('denial reasons: the catalogue titles with their plain meaning, several allowed', async () => {
    const byId = new Map(library.reasons.reasons.map((r) => [r.id, r]));
    const { answer, events, getScreen } = await render(checkbox, {
      message: 'Why did the plan say no?',
      pageSize: 15,
      choices: DENIAL_REASONS.map((id) => ({ value: id, name: byId.get(id)!.title, description: byId.get(id)!.meaning })),
    });
    expect(getScreen()).toContain('Not medically necessary');
    events.keypress('space');
    events.keypress('down');
    events.keypress('down');
    events.keypress('space');
    expect(getScreen()).toMatch(/pre-implant|psycholog/i);
    events.keypress('enter');
    await expect(answer).resolves.toEqual(['not-medically-necessary', 'missing-psych-eval']);
  });

  it('plan type: every plan type of the schema is offered once', () => {
    expect(PLAN_CHOICES.map((c) => c.value).sort()).toEqual([...PLAN_TYPES].sort());
  });

  it('treatment: every treatment of the schema is offered', () => {
    expect(TREATMENT_CHOICES.map((c) => c.value).sort()).toEqual(['epidural-steroid-injection', 'facet-rfa', 'idds', 'ketamine-infusion', 'opioid-therapy', 'other', 'physical-therapy', 'scs']);
  });
});

