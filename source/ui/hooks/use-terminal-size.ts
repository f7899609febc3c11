import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
	columns: number;
	rows: number;
}

function read(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

/** The one place that reads the terminal size; re-renders at once on resize. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const onResize = () => {
			const next = read(stdout);
			setSize((previous) => (previous.columns === next.columns && previous.rows === next.rows ? previous : next));
		};

		stdout.on('resize', onResize);
		onResize();
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
