/**
 * Where the workshop server's time went, from the V8 CPU profile `node --cpu-prof` writes when the
 * server exits (`npm run bench:workshop -- --profile`): self time by owner (npm package, src/
 * folder, Node itself, GC) and by function, and inclusive time of the project's own functions.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface TimeShare {
  name: string;
  ms: number;
  percent: number;
}

export interface ProfileSummary {
  file: string;
  /** Sampled time while the server was not idle. */
  busyMs: number;
  idleMs: number;
  byOwner: TimeShare[];
  selfByFunction: TimeShare[];
  /** The project's own functions (src/), with everything they called. */
  inclusiveOwn: TimeShare[];
}

/** Who a frame belongs to: an npm package, a folder of src/, Node's own JS, or V8's pseudo-frames. */
function ownerOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node (built-in JS)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/(src\/[^/]+|bench|bin)\//.exec(url);
  return own ? own[1]! : url;
}

function frameName(frame: ProfileNode['callFrame']): string {
  const [file = '', query] = frame.url.split('?');
  // Files tsx compiled on the fly carry a query, and their line numbers are the compiled code's: left out.
  const line = query === undefined ? `:${frame.lineNumber + 1}` : '';
  const where = file ? ` ${file.replace(/^.*\/(node_modules|src)\//, '$1/')}${line}` : '';
  return `${frame.functionName || '(anonymous)'}${where}`;
}

function shares(totals: Map<string, number>, busyMs: number, top: number): TimeShare[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms, percent: (100 * ms) / busyMs }));
}

/**
 * `window`: the load's start and end in µs of the monotonic clock (process.hrtime here; V8 stamps
 * profiles with the same clock on Linux), so the server's start-up (compiling the library) is left out.
 */
export function summarizeProfile(file: string, window?: { fromUs: number; toUs: number }, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const owners = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let idleMs = 0;
  let busyMs = 0;
  let stamp = profile.startTime;
  profile.samples.forEach((id, i) => {
    stamp += profile.timeDeltas[i] ?? 0;
    if (window && (stamp < window.fromUs || stamp > window.toUs)) return;
    // timeDeltas[i] is the time before sample i; the sample stands for the interval after it.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      return;
    }
    busyMs += ms;
    self.set(frameName(node.callFrame), (self.get(frameName(node.callFrame)) ?? 0) + ms);
    const owner = ownerOf(node.callFrame);
    owners.set(owner, (owners.get(owner) ?? 0) + ms);
    // Each of our functions on the stack counts once per sample, however deep it recurses.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (!/\/src\//.test(frame.url)) continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  });
  return {
    file,
    busyMs,
    idleMs,
    byOwner: shares(owners, busyMs, top),
    selfByFunction: shares(self, busyMs, top),
    inclusiveOwn: shares(inclusive, busyMs, top),
  };
}
