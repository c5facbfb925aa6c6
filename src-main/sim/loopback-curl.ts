import { buildReply } from './http-server';
import type { RouteContext } from './node-api';
import type { SimNode } from './sim-node';
import { fail, ok, type CommandResult } from './ssh-shell';

/** The node's own FluxOS as its shell reaches it: the port it listens on, undefined while it is down. */
export interface LocalFluxos {
  port(): number | undefined;
}

export const NO_LOCAL_FLUXOS: LocalFluxos = { port: () => undefined };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface CurlArgs {
  url: string | undefined;
  failOnHttpError: boolean;
  maxSeconds: number | undefined;
  maxBytes: number | undefined;
}

function parseArgs(args: string[]): CurlArgs {
  const out: CurlArgs = { url: undefined, failOnHttpError: false, maxSeconds: undefined, maxBytes: undefined };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-m' || arg === '--max-time') out.maxSeconds = Number(args[++i]);
    else if (arg === '--max-filesize') out.maxBytes = Number(args[++i]);
    else if (/^-[a-zA-Z]+$/.test(arg)) out.failOnHttpError ||= arg.includes('f');
    else if (arg === '--fail') out.failOnHttpError = true;
    else out.url = arg;
  }
  return out;
}

/**
 * `curl` from the node's shell to its own FluxOS: the same answer (faults included) the HTTP server
 * gives, with curl's exit codes for what can go wrong on a loopback (7 refused, 28 timed out, 22 an
 * HTTP error under `-f`, 63 over `--max-filesize`). Anything off the loopback is unreachable: the
 * simulated node has no outside network.
 */
export function loopbackCurl(args: string[], node: SimNode, ctx: RouteContext, local: LocalFluxos): CommandResult {
  const { url, failOnHttpError, maxSeconds, maxBytes } = parseArgs(args);
  if (!url) return fail('curl: no URL specified\n', 2);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return fail(`curl: (3) URL rejected: Malformed input to a URL function\n`, 3);
  }
  const port = Number(target.port || 80);
  const listening = local.port();
  if (target.protocol !== 'http:' || !LOOPBACK_HOSTS.has(target.hostname) || listening === undefined || port !== listening) {
    return fail(`curl: (7) Failed to connect to ${target.hostname} port ${port} after 0 ms: Couldn't connect to server\n`, 7);
  }
  const reply = buildReply('GET', `${target.pathname}${target.search}`, node, ctx);
  if (!reply) return fail(`curl: (28) Operation timed out after ${(maxSeconds ?? 300) * 1000} milliseconds with 0 bytes received\n`, 28);
  if (failOnHttpError && reply.status >= 400) return fail(`curl: (22) The requested URL returned error: ${reply.status}\n`, 22);
  if (maxBytes !== undefined && Buffer.byteLength(reply.body) > maxBytes) return fail('curl: (63) Maximum file size exceeded\n', 63);
  return ok(reply.body);
}
