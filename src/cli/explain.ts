/**
 * `sluice explain --config FILE CONTAINER`: whether a container (name or id; NAMESPACE/POD/CONTAINER
 * for pod log files, kubernetes/lookup.ts) is collected, which
 * routes it matches, and for each other route the first condition that failed. Read-only: one
 * GET /containers/{id}/json. Exit 0 when the container was found and explained, 1 when it was not
 * found (or Docker could not be asked), 2 on a usage or config error.
 */
import { formatConfigError, loadConfigFile } from '../config/load.js';
import { connectDocker, statusOf } from '../docker/client.js';
import { containerInfoFromInspect, type InspectLike } from '../docker/metadata.js';
import { explainContainer, formatExplanation } from '../routing/explain.js';
import { isPodContainerRef, lookupPodContainer } from '../kubernetes/lookup.js';

const USAGE = 'usage: sluice explain --config FILE CONTAINER (a Docker name or id, or NAMESPACE/POD/CONTAINER)\n';

interface Args {
  config: string;
  container: string;
}

export function parseArgs(argv: readonly string[]): Args | string {
  let config: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--config' || a === '-c') {
      const v = argv[++i];
      if (v === undefined) return '--config needs a file';
      config = v;
    } else if (a.startsWith('--config=')) {
      config = a.slice('--config='.length);
    } else if (a.startsWith('-') && a !== '-') {
      return `unknown option ${a}`;
    } else {
      rest.push(a);
    }
  }
  if (!config) return 'missing --config FILE';
  if (rest.length !== 1) return rest.length === 0 ? 'missing CONTAINER (a name or an id)' : `one CONTAINER expected, got ${rest.length}`;
  return { config, container: rest[0]! };
}

export default async function explain(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`sluice explain: ${args}\n${USAGE}`);
    return 2;
  }
  const loaded = await loadConfigFile(args.config, process.env);
  if (!loaded.ok) {
    process.stderr.write(`sluice explain: the config is not valid:\n${loaded.errors.map((e) => '  ' + formatConfigError(e)).join('\n')}\n`);
    return 2;
  }
  const config = loaded.config;
  // NAMESPACE/POD/CONTAINER: a pod's container, as the pod log source sees it (no Docker asked).
  if (config.source === 'kubernetes' || (config.source === 'auto' && isPodContainerRef(args.container))) {
    if (!isPodContainerRef(args.container)) {
      process.stderr.write(`sluice explain: with source: kubernetes, name the container as NAMESPACE/POD/CONTAINER\n${USAGE}`);
      return 2;
    }
    const found = await lookupPodContainer(config.kubernetes, args.container);
    if (!found.ok) {
      process.stderr.write(`sluice explain: ${found.reason}\n`);
      return 1;
    }
    if (found.note !== undefined) process.stderr.write(`sluice explain: ${found.note}\n`);
    process.stdout.write(formatExplanation(explainContainer(config, found.info)));
    return 0;
  }
  let inspect: InspectLike;
  try {
    const { docker } = await connectDocker(config.docker);
    inspect = (await docker.getContainer(args.container).inspect()) as unknown as InspectLike;
  } catch (err) {
    if (statusOf(err) === 404) {
      process.stderr.write(`sluice explain: no container named or with id "${args.container}" on ${config.docker.host}\n`);
    } else {
      process.stderr.write(`sluice explain: cannot ask Docker at ${config.docker.host}: ${(err as Error).message}\n`);
    }
    return 1;
  }
  const e = explainContainer(config, containerInfoFromInspect(inspect));
  process.stdout.write(formatExplanation(e));
  return 0;
}
