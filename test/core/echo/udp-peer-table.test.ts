import {describe, expect, it} from 'vitest';
import {UdpPeerTable} from '../../../source/core/echo/udp-peer-table.js';

describe('UdpPeerTable', () => {
	it('finds a peer again by address and port, also when two peers share a cache slot', () => {
		const table = new UdpPeerTable(10);
		const first = table.of({address: '127.0.0.1', port: 5000});
		const sameSlot = table.of({address: '127.0.0.1', port: 5000 + 1024});
		const otherHost = table.of({address: '127.0.0.2', port: 5000});
		expect(table.of({address: '127.0.0.1', port: 5000})).toBe(first);
		expect(table.of({address: '127.0.0.1', port: 5000 + 1024})).toBe(sameSlot);
		expect(table.of({address: '127.0.0.2', port: 5000})).toBe(otherHost);
		expect(first.id).toBe('udp:127.0.0.1:5000');
		expect(table.total).toBe(3);
	});

	it('forgets the peer tracked longest at the cap; it is a new peer when it comes back', () => {
		const table = new UdpPeerTable(2);
		const oldest = table.of({address: '127.0.0.1', port: 6000});
		oldest.counters.messagesIn = 5;
		table.of({address: '127.0.0.1', port: 6001});
		table.of({address: '127.0.0.1', port: 6002});
		expect([...table.values()].map((peer) => peer.endpoint.port)).toEqual([6001, 6002]);
		const back = table.of({address: '127.0.0.1', port: 6000});
		expect(back).not.toBe(oldest);
		expect(back.counters.messagesIn).toBe(0);
		expect(table.total).toBe(4);
	});

	it('marks a source that can never get a reply', () => {
		const table = new UdpPeerTable(4);
		expect(table.of({address: '255.255.255.255', port: 7}).blocked).toBe('unreplyable');
		expect(table.of({address: '127.0.0.1', port: 7}).blocked).toBeUndefined();
	});
});
