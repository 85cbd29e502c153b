/**
 * A real rsyslogd (Debian's package) as the syslog peer of the tests: run in the foreground with its
 * own config, pid file and work dir in a temp dir; listening on 127.0.0.1 ephemeral ports over UDP,
 * TCP and TLS (imtcp with the gtls driver, certificates from helpers/tls.ts). Every message it
 * parses is written as one JSON object per line (hostname, app-name, procid, msgid, severity,
 * facility, structured-data, msg) to a file the test reads. Restartable, to cut connections.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testPki } from './tls.js';

export interface ParsedSyslog {
  hostname: string;
  app: string;
  procid: string;
  msgid: string;
  severity: string;
  facility: string;
  sd: string;
  msg: string;
  tag: string;
  timestamp: string;
}

async function freeTcpPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const PROBE_APP = 'rsyslog-probe';

export class Rsyslog {
  readonly dir: string;
  readonly outFile: string;
  udpPort = 0;
  tcpPort = 0;
  tlsPort = 0;
  #child: ChildProcess | undefined;
  #stderr = '';

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'sluice-rsyslog-'));
    this.outFile = join(this.dir, 'out.jsonl');
  }

  static async start(): Promise<Rsyslog> {
    const r = new Rsyslog();
    r.udpPort = await freeUdpPort();
    r.tcpPort = await freeTcpPort();
    r.tlsPort = await freeTcpPort();
    r.#writeConfig();
    await r.startProcess();
    return r;
  }

  #writeConfig(): void {
    const pki = testPki();
    mkdirSync(join(this.dir, 'work'), { recursive: true });
    const conf = `$MaxMessageSize 64k
global(workDirectory="${this.dir}/work"
       defaultNetstreamDriverCAFile="${pki.caFile}"
       defaultNetstreamDriverCertFile="${pki.certFile}"
       defaultNetstreamDriverKeyFile="${pki.keyFile}")
module(load="imudp")
module(load="imtcp" maxSessions="200")
template(name="sluiceJson" type="list" option.jsonf="on") {
  property(outname="hostname" name="hostname" format="jsonf")
  property(outname="app" name="app-name" format="jsonf")
  property(outname="procid" name="procid" format="jsonf")
  property(outname="msgid" name="msgid" format="jsonf")
  property(outname="severity" name="syslogseverity" format="jsonf")
  property(outname="facility" name="syslogfacility" format="jsonf")
  property(outname="sd" name="structured-data" format="jsonf")
  property(outname="msg" name="msg" format="jsonf")
  property(outname="tag" name="syslogtag" format="jsonf")
  property(outname="timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
}
ruleset(name="out") {
  action(type="omfile" file="${this.outFile}" template="sluiceJson" flushOnTXEnd="on" asyncWriting="off")
}
input(type="imudp" address="127.0.0.1" port="${this.udpPort}" ruleset="out")
input(type="imtcp" address="127.0.0.1" port="${this.tcpPort}" ruleset="out")
input(type="imtcp" address="127.0.0.1" port="${this.tlsPort}" ruleset="out"
      streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
`;
    writeFileSync(join(this.dir, 'rsyslog.conf'), conf);
  }

  /** Starts rsyslogd (again, after `stop`) on the same ports and waits until all three inputs work. */
  async startProcess(): Promise<void> {
    const pid = join(this.dir, 'rsyslog.pid');
    rmSync(pid, { force: true });
    this.#stderr = '';
    const child = spawn('rsyslogd', ['-n', '-f', join(this.dir, 'rsyslog.conf'), '-i', pid], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => (this.#stderr += d.toString()));
    this.#child = child;
    const deadline = Date.now() + 10_000;
    let n = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`rsyslogd exited (${child.exitCode}): ${this.#stderr}`);
      if (Date.now() > deadline) throw new Error(`rsyslogd did not become ready: ${this.#stderr}`);
      n++;
      const tag = `ready-${process.pid}-${Date.now()}-${n}`;
      const tcpOk = await this.#probeTcp(`<14>1 - - ${PROBE_APP} - - - tcp-${tag}\n`);
      if (tcpOk) {
        await this.#probeUdp(`<14>1 - - ${PROBE_APP} - - - udp-${tag}`);
        const tlsUp = await this.#portOpen(this.tlsPort);
        await sleep(50);
        const text = this.#read();
        if (tlsUp && text.includes(`tcp-${tag}`) && text.includes(`udp-${tag}`)) return;
      }
      await sleep(100);
    }
  }

  #probeTcp(frame: string): Promise<boolean> {
    return new Promise((resolve) => {
      const s = connect(this.tcpPort, '127.0.0.1', () => s.end(frame, () => resolve(true)));
      s.on('error', () => resolve(false));
    });
  }

  #portOpen(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
  }

  async #probeUdp(msg: string): Promise<void> {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.send(msg, this.udpPort, '127.0.0.1', () => r()));
    s.close();
  }

  #read(): string {
    return existsSync(this.outFile) ? readFileSync(this.outFile, 'utf8') : '';
  }

  /** Every message parsed so far (readiness probes left out), in arrival order. */
  messages(): ParsedSyslog[] {
    const out: ParsedSyslog[] = [];
    for (const l of this.#read().split('\n')) {
      if (!l) continue;
      const m = JSON.parse(l) as ParsedSyslog;
      if (m.app !== PROBE_APP) out.push(m);
    }
    return out;
  }

  /** Polls until at least `n` messages have arrived (or the timeout; then returns what there is). */
  async waitFor(n: number, timeoutMs = 15_000): Promise<ParsedSyslog[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.messages();
      if (m.length >= n || Date.now() > deadline) return m;
      await sleep(25);
    }
  }

  /** Graceful stop (SIGTERM: rsyslog drains its queue and closes connections), waits for exit. */
  async stopProcess(): Promise<void> {
    const c = this.#child;
    this.#child = undefined;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stopProcess();
    await this.startProcess();
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
