import {useEffect, useRef} from 'react';
import type {SimSpec} from '../../../core/sched/sim-spec.js';
import {useTheme} from '../../theme.js';
import type {HostedPane, HostedPaneProps} from '../../timeline-host.js';
import {simBindings, simEditingBindings} from './sim-bindings.js';
import {isSimIntent, type SimIntent} from './sim-player.js';
import {SimPane} from './sim-pane.js';
import {useSimPlayer} from './use-sim-player.js';

/**
 * Adapts the sim pane to the dashboard's timeline host: keys arrive as `intent` ({seq, value}) from the
 * single key listener; glyphs and colour come from the theme.
 */
export function createSimHostedPane(spec?: SimSpec): HostedPane {
	function SimHostedPane({width, height, focused, intent, onCaptureChange}: HostedPaneProps) {
		const theme = useTheme();
		const [player, dispatch] = useSimPlayer(spec);
		// Intents sent before this pane mounted are not replayed.
		const seenSeq = useRef(intent?.seq ?? 0);
		useEffect(() => {
			if (!intent || intent.seq === seenSeq.current) return;
			seenSeq.current = intent.seq;
			if (isSimIntent(intent.value)) dispatch(intent.value);
		}, [intent, dispatch]);
		// While a `-P` program is typed, the dashboard sends text and the editing keys, not shortcuts.
		const editing = player.editing !== undefined;
		useEffect(() => {
			onCaptureChange?.(editing);
		}, [editing, onCaptureChange]);
		return <SimPane player={player} width={width} height={height} ascii={theme.ascii} color={theme.color} focused={focused} />;
	}
	return {
		Component: SimHostedPane,
		bindings: simBindings,
		captureBindings: simEditingBindings,
		textIntent: (text: string): SimIntent => ({type: 'edit-input', text}),
	};
}
