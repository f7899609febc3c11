import {safeText} from '../../text/safe-text.js';
import {RingBuffer} from '../ring-buffer.js';
import {safeNotice} from '../safe-notice.js';
import type {NoticeEntry} from '../snapshot.js';
import type {StoreEvent} from '../store-event.js';

/** Notices kept (the server pane shows the last two). */
export const noticesKept = 4;

/** What the core tells the person at the dashboard: the last few notices, their text parameters made safe. */
export class NoticesSlice {
	readonly #ascii: boolean;
	readonly #notices = new RingBuffer<NoticeEntry>(noticesKept);
	#nextId = 1;
	#view: readonly NoticeEntry[] = Object.freeze([]);

	constructor(options: {ascii?: boolean} = {}) {
		this.#ascii = options.ascii ?? false;
	}

	/** Folds one event; true when a notice was added. */
	fold(event: StoreEvent): boolean {
		if (event.type !== 'notice') return false;
		this.#notices.push(
			Object.freeze({
				id: this.#nextId++,
				level: event.level,
				notice: safeNotice(event.notice, (text) => safeText(text, {ascii: this.#ascii, maxLength: 200})),
			}),
		);
		this.#view = Object.freeze(this.#notices.toArray());
		return true;
	}

	/** The notices, oldest first: the same array until one is added. */
	view(): readonly NoticeEntry[] {
		return this.#view;
	}
}
