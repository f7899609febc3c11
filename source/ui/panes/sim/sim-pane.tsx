import {SegmentLines} from '../../components/segment-lines.js';
import {useMessages} from '../../i18n/use-messages.js';
import {memo} from 'react';
import {buildSimLines} from './sim-chart.js';
import type {SimPlayerState} from './sim-player.js';

export interface SimPaneProps {
	player: SimPlayerState;
	/** Columns and rows the pane may use; it never draws more. */
	width: number;
	height: number;
	ascii: boolean;
	color: boolean;
	focused: boolean;
}

/** The simulator's Gantt timeline: one lane per process, CPU and IO lanes, one column per tick. */
export const SimPane = memo(function SimPane({player, width, height, ascii, color, focused}: SimPaneProps) {
	const messages = useMessages();
	const verdict = player.tuned ? messages.simVerdict(player.tuned) : undefined;
	const lines = buildSimLines(player, {
		width,
		height,
		ascii,
		color,
		focused,
		words: messages.sim,
		...(verdict ? {verdict} : {}),
	});
	return <SegmentLines lines={lines} width={width} height={height} color={color} />;
});
