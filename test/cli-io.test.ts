/** What the CLI prints when something fails: messages and codes, never a stack or a value. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportFailure } from '../src/cli/io.js';
import { InputError } from '../src/diagnostic.js';

let written = '';
function captureStderr() {
  written = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  });
}
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.APPEAL_DEBUG;
});

describe('reportFailure', () => {
  it('prints an internal error as one message line, without its stack, exit 2', () => {
    captureStderr();
    const error = new TypeError('Cannot read properties of undefined');
    expect(error.stack).toMatch(/\n\s+at /);
    expect(reportFailure(error)).toBe(2);
    expect(written).toContain('internal error: Cannot read properties of undefined');
    expect(written).not.toMatch(/^\s+at\s/m);
  });

  it('prints the stack only when APPEAL_DEBUG is set', () => {
    captureStderr();
    process.env.APPEAL_DEBUG = '1';
    reportFailure(new Error('boom'));
    expect(written).toMatch(/^\s+at\s/m);
  });

  it('prints input errors as file:line:column, field, message and [code]', () => {
    captureStderr();
    const status = reportFailure(new InputError([{ code: 'invalid-date', file: 'case.yaml', line: 5, column: 18, path: 'patient.date_of_birth', message: 'this date does not exist' }]));
    expect(status).toBe(2);
    expect(written).toBe('error: case.yaml:5:18: patient.date_of_birth: this date does not exist [invalid-date]\n');
  });
});
