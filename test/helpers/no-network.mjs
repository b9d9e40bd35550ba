// Preload for tests: `node --import ./test/helpers/no-network.mjs ...`. Every way Node
// offers to reach the network ends the process at once with exit code 97 and a marker on
// stderr, so a test sees any attempt even where the tool would catch an exception.
import { syncBuiltinESMExports } from 'node:module';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import http2 from 'node:http2';
import net from 'node:net';
import tls from 'node:tls';

export const NETWORK_EXIT = 97;
export const NETWORK_MARKER = 'NO-NETWORK: attempted';

function refuse(what) {
  return function refused() {
    process.stderr.write(`${NETWORK_MARKER} ${what}\n`);
    process.exit(NETWORK_EXIT);
  };
}

net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
for (const mod of [http, https]) {
  const name = mod === http ? 'http' : 'https';
  mod.request = refuse(`${name}.request`);
  mod.get = refuse(`${name}.get`);
}
http2.connect = refuse('http2.connect');
dgram.createSocket = refuse('dgram.createSocket');
for (const key of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse']) {
  if (typeof dns[key] === 'function') dns[key] = refuse(`dns.${key}`);
  if (typeof dns.promises[key] === 'function') dns.promises[key] = refuse(`dns.promises.${key}`);
}
globalThis.fetch = refuse('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = refuse('WebSocket');
// Named imports of built-ins (`import { request } from 'node:http'`) see the patched functions too.
syncBuiltinESMExports();
