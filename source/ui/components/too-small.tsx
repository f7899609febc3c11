import {Box, Text} from 'ink';
import {defaults} from '../../core/defaults.js';
import {useMessages} from '../i18n/use-messages.js';
import {wrapWords} from '../wrap-words.js';

/** Shown instead of the dashboard below the minimum size; `q` still quits. */
export function TooSmall({columns, rows}: {columns: number; rows: number}) {
	const height = Math.max(1, rows - 1);
	const messages = useMessages();
	const message = wrapWords(messages.panes.tooSmall(defaults.minColumns, defaults.minRows, columns, rows), columns);
	return (
		<Box width={columns} height={height} flexDirection="column" justifyContent="center" alignItems="center">
			{/* Lines of one message, in order: the index is their identity. */}
			{message.map((line, index) => (
				<Text key={index}>{line}</Text>
			))}
			{message.length < height ? <Text>{messages.panes.tooSmallQuits}</Text> : null}
		</Box>
	);
}
