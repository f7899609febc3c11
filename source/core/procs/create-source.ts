import {ProcSource} from './proc-source.js';
import {PsSource} from './ps-source.js';
import type {ProcessSource} from './types.js';

/** /proc when it can be read (Linux), otherwise `ps` (macOS and others). Never throws. */
export function createProcessSource(options: {platform?: NodeJS.Platform; procRoot?: string} = {}): ProcessSource {
	const platform = options.platform ?? process.platform;
	if (platform === 'linux' || options.procRoot !== undefined) {
		try {
			return new ProcSource({procRoot: options.procRoot});
		} catch {
			// /proc not mounted (some containers): fall through to ps
		}
	}

	return new PsSource();
}
