import {applyPatches} from '../../scripts/apply-patches.mjs';

/** Vitest's global setup: the tests render through the same patched Ink (patches/) that the build bundles. */
export default function setup(): void {
	applyPatches();
}
