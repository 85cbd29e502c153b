/**
 * Entry point: argv → CLI verb. Each verb lives in src/cli/<verb>.ts and exports
 * `default (argv: string[]) => Promise<number>` (the exit code). Signal handling belongs to `run`.
 */
const VERBS: Record<string, () => Promise<{ default: (argv: string[]) => Promise<number> }>> = {
  run: () => import('./cli/run.js'),
  validate: () => import('./cli/validate.js'),
  schema: () => import('./cli/schema.js'),
  explain: () => import('./cli/explain.js'),
  tail: () => import('./cli/tail.js'),
  migrate: () => import('./cli/migrate.js'),
  version: () => import('./cli/version.js'),
  health: () => import('./cli/health.js'),
};

const USAGE = `usage: sluice <verb> [options]

  run [--config FILE]             run the agent (default config: /etc/sluice/sluice.yaml; without
                                  one, a logspout setup: ROUTE_URIS, a route argument or LOGDNA_KEY)
  validate FILE                   check a config file; exit 1 with every error when invalid
  schema                          print the config JSON Schema
  explain --config FILE CONTAINER which routes a running container matches, and why not the others
  tail [--api URL] [filters]      follow the live log stream of a running agent
  migrate [--env-file F] [URIS]   print the sluice config for a logspout setup (exit 1: not all translated)
  health [--config FILE] [--ready] ask the running agent's API (as the config sets it) whether it is alive
                                  (--ready: ready); exit 0 or 1 (the image's HEALTHCHECK)
  version                         print the version
`;

async function main(argv: string[]): Promise<number> {
  const verb = argv[0];
  if (!verb || verb === '-h' || verb === '--help' || verb === 'help') {
    process.stdout.write(USAGE);
    return verb ? 0 : 2;
  }
  if (verb === '--version' || verb === '-v') return (await VERBS.version!()).default([]);
  // logspout's form, `docker run <image> syslog+tcp://host:514`: the route URIs are the argument.
  if (verb.includes('://')) return (await VERBS.run!()).default(argv);
  const load = VERBS[verb];
  if (!load) {
    process.stderr.write(`sluice: unknown verb "${verb}"\n\n${USAGE}`);
    return 2;
  }
  return (await load()).default(argv.slice(1));
}

const verb = process.argv[2] ?? '';
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // `run` has stopped (drained, checkpoints written). The process normally ends by itself; a call
    // to an engine that stopped answering would keep it up past "Stopped cleanly" until the
    // runtime's SIGKILL, so it ends 2 s later at the latest. Not at once: pino's last lines are
    // still being written asynchronously, and its exit hook would have to write them synchronously.
    if (verb === 'run' || verb.includes('://')) setTimeout(() => process.exit(code), 2000).unref();
  },
  (err: unknown) => {
    process.stderr.write(`sluice: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
