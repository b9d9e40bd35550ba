/**
 * The tool never touches the network: every command runs under a preload that ends the
 * process (exit 97) on any socket, DNS, HTTP, TLS, UDP or fetch call. The preload itself is
 * tested first, so a broken preload cannot make the CLI test pass vacuously.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, STACK_LINE } from './helpers/cli.js';

const PRELOAD = ['--import', `${ROOT}test/helpers/no-network.mjs`];
const MARKER = 'NO-NETWORK: attempted';

function runNode(code: string): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...PRELOAD, '--input-type=module', '-e', code], { cwd: ROOT, timeout: 60000 }, (error, _stdout, stderr) => {
      resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stderr });
    });
  });
}

describe('the no-network preload', () => {
  const attempts: Record<string, string> = {
    'net.connect': "import net from 'node:net'; net.connect(80, '127.0.0.1');",
    'new net.Socket().connect': "import { Socket } from 'node:net'; new Socket().connect(80, '127.0.0.1');",
    'named import of http.request': "import { request } from 'node:http'; request('http://127.0.0.1/');",
    'https.get': "import https from 'node:https'; https.get('https://example.com/');",
    'tls.connect': "import tls from 'node:tls'; tls.connect(443, 'example.com');",
    'dns.lookup': "import dns from 'node:dns'; dns.lookup('example.com', () => {});",
    'dns.promises.resolve4': "import dns from 'node:dns'; await dns.promises.resolve4('example.com');",
    fetch: "await fetch('http://127.0.0.1/');",
    'dgram.createSocket': "import dgram from 'node:dgram'; dgram.createSocket('udp4');",
  };
  it.concurrent.each(Object.entries(attempts))('stops %s with exit 97', async (_name, code) => {
    const run = await runNode(code);
    expect(run.status).toBe(97);
    expect(run.stderr).toContain(MARKER);
  }, 90000);

  it('lets code that does not touch the network run normally', async () => {
    const run = await runNode("import { readFileSync } from 'node:fs'; readFileSync('package.json');");
    expect(run.status).toBe(0);
    expect(run.stderr).not.toContain(MARKER);
  }, 90000);
});

describe('every command runs with networking made to fail', () => {
  const examples = readdirSync(`${ROOT}examples`).filter((f) => f.endsWith('.yaml')).map((f) => `examples/${f}`);
  const commands: [string, string[], number[]][] = [
    ['--help', ['--help'], [0]],
    ['--version', ['--version'], [0]],
    ['check --help', ['check', '--help'], [0]],
    ['check (text) on every example', ['check', ...examples], [0, 1]],
    ['check (json) on every example', ['check', '--format', 'json', ...examples], [0, 1]],
    ['check on an invalid case', ['check', 'test/corpus/cases/syntax-missing-colon.yaml'], [2]],
    ['schema', ['schema'], [0]],
    ['rules list', ['rules', 'list'], [0]],
    ['rules show idds', ['rules', 'show', 'idds'], [0]],
    ['rules show esi', ['rules', 'show', 'esi'], [0]],
    ['rules list with a user rules directory', ['rules', 'list', '--rules', 'test/corpus/rules/extends-cycle'], [2]],
  ];
  it.concurrent.each(commands)('appeal %s', async (_name, args, statuses) => {
    const run = await runCli(args, { nodeArgs: PRELOAD, timeoutMs: 60000 });
    expect(run.stderr).not.toContain(MARKER);
    expect(statuses).toContain(run.status);
    expect(run.stderr).not.toMatch(STACK_LINE);
  }, 90000);
});
