// Preload (node --import) that records every module URL the process resolves into the file
// named by APPEAL_TRACE_IMPORTS, so tests can prove what a command does NOT load.
import { register } from 'node:module';

register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { file: process.env.APPEAL_TRACE_IMPORTS } });
