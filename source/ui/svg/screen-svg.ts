import type {Screen} from './screen-replay.js';
import {background, cell, colorOf, fontFamily, fontSize, pad, px, rowElements, xmlEscape} from './timeline-svg.js';

/**
 * A terminal screen as a standalone SVG: the same monospace grid, dark background and colours as the
 * timeline export, one group per row (`class="screen-row"`, `data-row`), each row's background runs
 * (inverse video) drawn under its text. `title` is the image's accessible name, not drawn.
 */
export function screenSvg(screen: Screen, title: string): string {
	const width = pad * 2 + screen.columns * cell.width;
	const height = pad * 2 + screen.rows * cell.height;
	const rows = screen.lines.map((line, row) => {
		const top = pad + row * cell.height;
		const fills = (screen.backgrounds[row] ?? []).map(
			(fill) =>
				`<rect x="${px(pad + fill.column * cell.width)}" y="${px(top)}" width="${px(fill.columns * cell.width)}" height="${cell.height}" fill="${colorOf(fill.color)}" shape-rendering="crispEdges"/>`,
		);
		return `<g class="screen-row" data-row="${row}">${fills.join('')}${rowElements(line, screen.columns, top)}</g>`;
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		`<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${px(width)} ${px(height)}" font-family="${fontFamily}" font-size="${fontSize}" xml:space="preserve">`,
		`<title>${xmlEscape(title)}</title>`,
		'<style>text { white-space: pre; }</style>',
		`<rect class="background" width="100%" height="100%" rx="6" fill="${background}"/>`,
		`<g class="screen" data-columns="${screen.columns}" data-rows="${screen.rows}">`,
		...rows,
		'</g>',
		'</svg>',
		'',
	].join('\n');
}
