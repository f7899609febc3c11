import {createContext, useContext} from 'react';
import {messagesEn, type Messages} from './messages-en.js';

/** The catalogue of the dashboard's language; the App provides it (English when nothing does). */
export const MessagesContext = createContext<Messages>(messagesEn);

export function useMessages(): Messages {
	return useContext(MessagesContext);
}
