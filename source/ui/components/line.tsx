import {Text, type TextProps} from 'ink';

/** One row of a pane: never wraps, so a pane's height is exactly its number of lines. */
export function Line(props: TextProps) {
	return <Text wrap="truncate-end" {...props} />;
}
