import type {Key} from 'ink';

/**
 * Ink's (input, key) -> one key name as used in bindings, or undefined for text input. Backspace arrives
 * as `key.delete` in Ink 6.8 on most terminals, so both count as backspace.
 */
export function keyName(input: string, key: Key): string | undefined {
	if (key.ctrl && (input === 'c' || input === '\u0003')) return 'ctrl+c';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.ctrl || key.meta) return undefined;
	if (input === ' ') return 'space';
	if ([...input].length === 1) return input;
	return undefined;
}
