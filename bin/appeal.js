#!/usr/bin/env node
// Launcher only: everything lives in the compiled CLI.
import '../dist/cli/main.js';
