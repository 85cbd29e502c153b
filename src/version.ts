import pkg from '../package.json' with { type: 'json' };

/** sluice's version, from package.json (copied beside the compiled output by tsc). */
export const VERSION: string = pkg.version;
