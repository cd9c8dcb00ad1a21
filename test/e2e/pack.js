'use strict';
// Builds the package and packs it with `npm pack`, as a user would get it from the registry.
const fs = require('node:fs');
const path = require('node:path');
const { cleanEnv, run } = require('./install-n8n');

const ROOT = path.resolve(__dirname, '../..');

function readPackageJson() {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

/** Runs `npm run build` (unless skipBuild) and `npm pack` into outDir; returns the tarball's path. */
async function buildAndPack(outDir, { skipBuild = false, log = process.stderr } = {}) {
	const env = cleanEnv(null);
	if (!skipBuild) await run('npm', ['run', 'build'], { cwd: ROOT, env, log, quiet: true });
	fs.mkdirSync(outDir, { recursive: true });
	const out = await run('npm', ['pack', '--json', '--ignore-scripts', `--pack-destination=${outDir}`], {
		cwd: ROOT,
		env,
		quiet: true,
	});
	const json = out.slice(out.indexOf('['));
	const [info] = JSON.parse(json);
	return { tarball: path.join(outDir, info.filename), files: info.files.map((f) => f.path) };
}

/**
 * Installs the tarball into `$N8N_USER_FOLDER/.n8n/nodes` the way n8n's community-package installer does
 * (peer dependencies are n8n's own, so they are not installed).
 */
async function installIntoUserFolder(userFolder, tarball, nodeDir, log = process.stderr) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const pkgFile = path.join(nodesDir, 'package.json');
	if (!fs.existsSync(pkgFile)) {
		fs.writeFileSync(pkgFile, JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
	}
	await run('npm', ['install', '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error', tarball], {
		cwd: nodesDir,
		env: cleanEnv(nodeDir),
		log,
		quiet: true,
	});
	return nodesDir;
}

module.exports = { ROOT, readPackageJson, buildAndPack, installIntoUserFolder };
