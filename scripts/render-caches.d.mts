import type {Plugin} from 'esbuild';

export const maxCachedEntries: number;
export const maxCachedCells: number;
export const maxCachedChars: number;
export function patchInkOutput(source: string): string;
export function patchStringWidth(source: string): string;
export function patchInkMeasureText(source: string): string;
export const renderCachesPlugin: Plugin;
