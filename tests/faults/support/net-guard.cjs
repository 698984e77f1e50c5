// Preloaded into the server process by the security probe (NODE_OPTIONS=--require): the socket
// guard of lib/push/push-request.test.ts, made to work black-box. Every outbound connection is
// written to FERRO_FAULTS_GUARD_LOG, and any to a non-loopback address is refused before a packet
// leaves; names listed in FERRO_FAULTS_FAKE_DNS resolve to the addresses given, and no other name
// but localhost resolves at all, so no DNS query leaves the machine either.
'use strict';
const { appendFileSync } = require('node:fs');
const net = require('node:net');
const dnsPromises = require('node:dns/promises');

const logFile = process.env.FERRO_FAULTS_GUARD_LOG;
const fakeDns = JSON.parse(process.env.FERRO_FAULTS_FAKE_DNS || '{}');
const isLoopback = (host) => /^(127\.|::1$|\[::1\]$|::ffff:127\.|localhost$)/i.test(host);
const record = (line) => logFile && appendFileSync(logFile, `${line}\n`);

record(`guard loaded in pid ${process.pid}`);

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let host;
  if (first !== null && typeof first === 'object') host = first.path ? undefined : (first.host || 'localhost');
  else if (typeof first === 'number' || /^\d+$/.test(String(first))) host = typeof args[1] === 'string' ? args[1] : 'localhost';
  if (host !== undefined) {
    record(`connect ${host}`);
    if (!isLoopback(host)) {
      // Failed a tick later, as a real connect would, once the caller listens for socket errors.
      setImmediate(() => this.destroy(new Error(`fault-probe guard: refused to connect to ${host}`)));
      return this;
    }
  }
  return originalConnect.apply(this, args);
};

const originalLookup = dnsPromises.lookup;
dnsPromises.lookup = async function guardedLookup(hostname, options) {
  record(`lookup ${hostname}`);
  const address = fakeDns[hostname];
  if (address === undefined && hostname !== 'localhost') {
    throw Object.assign(new Error(`fault-probe guard: no DNS for ${hostname}`), { code: 'ENOTFOUND' });
  }
  if (address === undefined) return originalLookup.call(this, hostname, options);
  const entry = { address, family: address.includes(':') ? 6 : 4 };
  return options && options.all ? [entry] : entry;
};
