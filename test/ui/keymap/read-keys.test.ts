import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {readKeys} from '../../../source/ui/keymap/read-keys.js';

const none: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

describe('readKeys', () => {
	it('names single keys, with Backspace reported as delete', () => {
		expect(readKeys('q', none)).toEqual([{name: 'q', text: 'q'}]);
		expect(readKeys('', {...none, home: true})).toEqual([{name: 'home', text: ''}]);
		expect(readKeys('', {...none, end: true})).toEqual([{name: 'end', text: ''}]);
		expect(readKeys(' ', none)).toEqual([{name: 'space', text: ' '}]);
		expect(readKeys('', {...none, delete: true})).toEqual([{name: 'backspace', text: ''}]);
		expect(readKeys('', {...none, tab: true, shift: true})).toEqual([{name: 'shift+tab', text: ''}]);
		expect(readKeys('c', {...none, ctrl: true})).toEqual([{name: 'ctrl+c', text: 'c'}]);
	});

	it('splits a chunk into one key per character, control keys included, in order', () => {
		expect(readKeys('ec3,i\r', none)).toEqual([
			{name: 'e', text: 'e'},
			{name: 'c', text: 'c'},
			{name: '3', text: '3'},
			{name: ',', text: ','},
			{name: 'i', text: 'i'},
			{name: 'enter', text: '\r'},
		]);
		expect(readKeys('a b\t\u007F\u0003', none).map((press) => press.name)).toEqual([
			'a',
			'space',
			'b',
			'tab',
			'backspace',
			'ctrl+c',
		]);
		expect(readKeys('ä😀', none)).toEqual([
			{name: 'ä', text: 'ä'},
			{name: '😀', text: '😀'},
		]);
	});

	it('reads Esc glued to a key (Ink says Alt) as Esc, then the key', () => {
		expect(readKeys('u', {...none, meta: true})).toEqual([
			{name: 'escape', text: '\u001B'},
			{name: 'u', text: 'u'},
		]);
		expect(readKeys('', {...none, meta: true, tab: true, shift: true}).map((press) => press.name)).toEqual([
			'escape',
			'shift+tab',
		]);
		expect(readKeys('\r', {...none, meta: true, return: true}).map((press) => press.name)).toEqual(['escape', 'enter']);
		expect(readKeys('', {...none, meta: true, escape: true})).toEqual([{name: 'escape', text: ''}]);
	});
});
