const { src, dest } = require('gulp');

/** Copies what tsc does not: node and credential icons, codex files, mail templates. */
function copyAssets() {
	return src(
		['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}', 'lib/**/*.{html,txt,json}'],
		{ base: '.', encoding: false },
	).pipe(dest('dist'));
}

exports.build = copyAssets;
exports.default = copyAssets;
