/** The config layer's public API (see docs/configuration.md for the file format). */
export { loadConfigFile, loadConfigText, type LoadResult, type LoadOptions } from './load.js';
export { formatConfigError, type ConfigError } from './errors.js';
export { diffConfigs, isEmptyDiff, type ConfigDiff } from './diff.js';
export { schemaJson } from './schema.js';
export { parseDuration, parseSize, formatDuration, formatSize } from './units.js';
