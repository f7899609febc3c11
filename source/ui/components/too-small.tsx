import {Box, Text} from 'ink';
import {defaults} from '../../core/defaults.js';

/** Shown instead of the dashboard below the minimum size; `q` still quits. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const height = Math.max(1, rows - 1);
	return (
		<Box width={columns} height={height} flexDirection="column" justifyContent="center" alignItems="center">
			<Text wrap="truncate-end">
				terminal too small: need {defaults.minColumns}x{defaults.minRows}, have {columns}x{rows}
			</Text>
			{height > 2 ? <Text wrap="truncate-end">(q quits)</Text> : null}
		</Box>
	);
}
