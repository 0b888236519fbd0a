// Runs before every npm script that needs a recent Node (see package.json): on an older Node it
// stops at once with one sentence saying what to run, instead of Node's ERR_UNKNOWN_FILE_EXTENSION
// ".ts". Plain CommonJS in old syntax (no `?.`, no `??`, no `import`), so that any Node parses it.
'use strict';

var MINIMUM = [22, 12];

/** True when `version` ("22.12.0", "v20.9.1") is at least the minimum. */
function isRecentEnough(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  var major = Number(parts[0]);
  var minor = Number(parts[1] || 0);
  if (!(major >= 0) || !(minor >= 0)) return false;
  return major > MINIMUM[0] || (major === MINIMUM[0] && minor >= MINIMUM[1]);
}

/** The command the reader typed, e.g. "npm start" or "npm run build" (from npm's lifecycle event). */
function npmCommand(event) {
  if (!event) return 'npm start';
  if (event === 'start' || event === 'test') return 'npm ' + event;
  return 'npm run ' + event;
}

/** The one sentence for an old Node, or null when this Node will do. */
function problem(version, event) {
  if (isRecentEnough(version)) return null;
  var command = npmCommand(event);
  return (
    'Xuetang needs Node ' +
    MINIMUM.join('.') +
    ' or newer, and this is Node ' +
    String(version).replace(/^v/, '') +
    ': install Node 24 (.nvmrc), or run it through Node 24 from the npm registry with `npx -y -p node@24 -- ' +
    command +
    '`.'
  );
}

module.exports = { isRecentEnough: isRecentEnough, problem: problem };

if (require.main === module) {
  // XUETANG_NODE_VERSION stands in for this Node's version, so the tests can try an old one.
  var message = problem(process.env.XUETANG_NODE_VERSION || process.versions.node, process.env.npm_lifecycle_event);
  if (message) {
    process.stderr.write(message + '\n');
    process.exit(1);
  }
}
