import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '**/*.js', '**/*.mjs', 'test/**', 'bench/**', 'demo/**'] },
	...configWithoutCloudSupport,
	{
		rules: {
			// Self-hosted package: nodemailer, fast-xml-parser, iconv-lite and luxon are runtime dependencies.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
