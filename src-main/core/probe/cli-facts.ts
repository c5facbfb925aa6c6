import sjson from 'secure-json-parse';
import { FLUXOS_ROUTES, type RouteDef } from '../fluxos/routes';
import type { LastParseMemo } from '../last-parse-memo';
import { readRouteAnswer } from '../fluxos/fetch-route';
import type { HttpAnswer } from '../fluxos/http-get';
import { safeText, toProbeError } from './probe-error';
import type { ApiFacts, SourceResult } from './probe-types';
import { FACT_SECTIONS, LOOPBACK_ROUTES, type FactSection, type SectionName } from './ssh-script';

/**
 * Facts the FluxOS API only relays from fluxd and fluxbench (`/daemon/getfluxnodestatus` is
 * `flux-cli getfluxnodestatus`, `/benchmark/getstatus` is `fluxbench-cli getstatus`, flux-facts
 * §1.3 and §2.2): on a node FluxDeck reaches over SSH they ride in the poll's one exec instead of
 * costing an HTTP request each. The CLIs print the very JSON FluxOS wraps in its envelope, so the
 * route's own normaliser reads it and both paths yield the same value.
 *
 * The apps are FluxOS's own and asked every poll or two: the exec asks FluxOS for them on the
 * node's loopback (its envelope, read as an answer from here would be). That answer is also the
 * poll's word that FluxOS is up; whether it answers from outside is left to the routes still asked
 * from here at their own lifetimes (uptime, versions).
 */
export const CARRIED_SECTIONS = {
  fluxnodeStatus: 'nodestatus',
  daemonInfo: 'daemoninfo',
  benchStatus: 'benchstatus',
  benchmarks: 'benchmarks',
  // Already in every script for the fluxbench version check.
  benchInfo: 'benchinfo',
  installedApps: 'appsinstalled',
  runningApps: 'appsrunning',
  appsResources: 'appsresources',
} as const satisfies Partial<Record<keyof ApiFacts, FactSection | SectionName>>;

export type CarriedSource = keyof typeof CARRIED_SECTIONS;
export const CARRIED_SOURCES = Object.keys(CARRIED_SECTIONS) as CarriedSource[];

/** The carried sources FluxOS itself answers, over the node's loopback. */
export const LOOPBACK_SOURCES: ReadonlySet<CarriedSource> = new Set(Object.values(LOOPBACK_ROUTES));

/** What the exec gave for each carried source it was asked; a failed one is asked of FluxOS. */
export type CarriedFacts = Partial<Pick<ApiFacts, CarriedSource>>;

type CarriedValue<S extends CarriedSource> = ApiFacts[S] extends SourceResult<infer T> ? T : never;

/** The script sections that carry `sources` (the ones not in every script already). */
export function factSectionsFor(sources: readonly CarriedSource[]): FactSection[] {
  const wanted = new Set<string>(sources.map((s) => CARRIED_SECTIONS[s]));
  return FACT_SECTIONS.filter((name) => wanted.has(name));
}

const parseJson = (text: string): unknown => sjson.parse(text, null, { protoAction: 'error', constructorAction: 'error' });

/** Reads one carried section's text (already sanitised) with the FluxOS route's normaliser. */
export function readCarried<S extends CarriedSource>(source: S, text: string | undefined, at: number, memo?: { nodeId: number; memo: LastParseMemo<number> }): SourceResult<CarriedValue<S>> {
  const section = CARRIED_SECTIONS[source];
  const body = text?.trim() ?? '';
  if (body === '') {
    return { ok: false, error: { code: 'UNAVAILABLE', message: `${section} gave no output`, source: `ssh:${section}` }, at };
  }
  const read = memo ? memo.memo.read(memo.nodeId, `carried:${source}`, body, () => normalize(source)(body)) : normalize(source)(body);
  if (read.ok) return { ok: true, value: read.value as CarriedValue<S>, at, cached: false, via: 'ssh' };
  const message = read.reason ?? `Unexpected ${section} output: ${safeText(body, 80)}`;
  return { ok: false, error: { code: 'BAD_RESPONSE', message, source: `ssh:${section}` }, at };
}

/** A loopback section's text as FluxOS's HTTP answer (curl printed only a 2xx body). */
function asAnswer(body: string): HttpAnswer {
  return { status: 200, contentType: 'application/json; charset=utf-8', body: Buffer.from(body, 'utf8') };
}

type Normalized = { ok: true; value: unknown } | { ok: false; reason?: string };

const normalizers = new Map<CarriedSource, (body: string) => Normalized>();

/** The route's normaliser over a section's text, built once per source. */
function normalize(source: CarriedSource): (body: string) => Normalized {
  let read = normalizers.get(source);
  if (!read) {
    const route: RouteDef<unknown> = FLUXOS_ROUTES[source];
    const loopback = LOOPBACK_SOURCES.has(source);
    // A CLI prints the envelope's data; FluxOS on the loopback prints its whole answer.
    const parse = loopback
      ? (body: string) => readRouteAnswer(route, asAnswer(body), { endpoint: 'the node itself', route: route.path })
      : (body: string) => route.normalize(parseJson(body), parseJson);
    read = (body) => {
      try {
        return { ok: true, value: parse(body) };
      } catch (err) {
        return loopback ? { ok: false, reason: toProbeError(err, route.path).message } : { ok: false };
      }
    };
    normalizers.set(source, read);
  }
  return read;
}
