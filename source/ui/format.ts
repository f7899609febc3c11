import {fitWidth} from '../core/text/display-width.js';

/** Short numbers for narrow panes: 999, 1.2k, 34k, 1.2M. */
export function formatCount(value: number): string {
	if (value < 1000) return String(Math.round(value));
	if (value < 10_000) return `${(value / 1000).toFixed(1)}k`;
	if (value < 1_000_000) return `${Math.round(value / 1000)}k`;
	if (value < 10_000_000) return `${(value / 1_000_000).toFixed(1)}M`;
	return `${Math.round(value / 1_000_000)}M`;
}

export function formatBytes(value: number): string {
	if (value < 1000) return `${Math.round(value)} B`;
	if (value < 10_000) return `${(value / 1000).toFixed(1)} kB`;
	if (value < 1_000_000) return `${Math.round(value / 1000)} kB`;
	if (value < 10_000_000) return `${(value / 1_000_000).toFixed(1)} MB`;
	return `${Math.round(value / 1_000_000)} MB`;
}

export function formatRate(perSecond: number): string {
	if (perSecond === 0) return '0/s';
	if (perSecond < 10) return `${perSecond.toFixed(1)}/s`;
	return `${formatCount(perSecond)}/s`;
}

export function formatMs(ms: number): string {
	if (ms < 1) return `${ms.toFixed(2)} ms`;
	if (ms < 10) return `${ms.toFixed(1)} ms`;
	return `${Math.round(ms)} ms`;
}

/** Cuts to `width` terminal columns, the ellipsis included; never splits a wide character. */
export function fit(text: string, width: number, ellipsis = '…'): string {
	return fitWidth(text, width, ellipsis);
}
