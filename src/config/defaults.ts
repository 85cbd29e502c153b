/**
 * Defaults read from the schema (schema/sluice.schema.json), the one place they are written, for the
 * few that are needed outside a validated config.
 */
import schema from '../../schema/sluice.schema.json' with { type: 'json' };
import { parseDuration } from './units.js';

const multiline = schema.$defs.route.properties.multiline.properties;

/**
 * `multiline.max_lines` and `multiline.timeout` as the schema fills them in: used when only the
 * container label `sluice.multiline.start` turns joining on, on a route without `multiline:`.
 */
export const MULTILINE_DEFAULTS: { readonly maxLines: number; readonly timeoutMs: number } = Object.freeze({
  maxLines: multiline.max_lines.default,
  timeoutMs: parseDuration(multiline.timeout.default),
});
