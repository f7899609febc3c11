import type {Plugin} from 'esbuild';

export function patchMeowDependencies(source: string): string;
export function patchMeowOptions(source: string): string;
export const meowStartPlugin: Plugin;
