import {connectionIdOf, newCounters} from './counters.js';
import {isUnreplyableAddress} from './local-addresses.js';
import type {Endpoint, TrafficCounters} from './types.js';

/**
 * Slots of the peer cache, by source port: a ping-pong client (or 16 of them) is found without building its
 * key string or hashing it into the peer map.
 */
const peerCacheSlots = 1024;

/** What the UDP echo server keeps per peer: its traffic and the state of the guards (rate cap, loop guard). */
export interface UdpPeer {
	readonly id: string;
	readonly endpoint: Endpoint;
	readonly counters: TrafficCounters;
	/** Set when the peer's address can never get a reply. */
	readonly blocked: 'unreplyable' | undefined;
	/** No replies before this time (a suspected echo loop). */
	mutedUntil: number;
	/** Datagrams in the current one-second window (the rate cap; loop checks start above `loopMatches`). */
	rateWindowStart: number;
	rateCount: number;
	/** Fingerprints of recent replies to this peer (the loop guard's table, allocated once the peer is busy). */
	recent: Int32Array | undefined;
	loopWindowStart: number;
	loopMatches: number;
	loopStreak: number;
}

/**
 * The UDP peers tracked now, oldest first: at most `maxTracked` (the oldest is forgotten to make room, its
 * traffic stays in the server's totals), found through a cache by source port on the hot path.
 */
export class UdpPeerTable {
	readonly #peers = new Map<string, UdpPeer>();
	readonly #peerCache = Array.from<UdpPeer | undefined>({length: peerCacheSlots});
	readonly #maxTracked: number;
	#total = 0;

	constructor(maxTracked: number) {
		this.#maxTracked = maxTracked;
	}

	/** Peers ever tracked. */
	get total(): number {
		return this.#total;
	}

	values(): IterableIterator<UdpPeer> {
		return this.#peers.values();
	}

	/** The peer a datagram came from, tracked from now on if it is new. */
	of(remote: Endpoint): UdpPeer {
		const slot = remote.port & (peerCacheSlots - 1);
		const cached = this.#peerCache[slot];
		if (cached !== undefined && cached.endpoint.port === remote.port && cached.endpoint.address === remote.address)
			return cached;
		const endpoint = {address: remote.address, port: remote.port};
		const id = connectionIdOf('udp', endpoint);
		let peer = this.#peers.get(id);
		if (peer === undefined) {
			if (this.#peers.size >= this.#maxTracked) {
				// Forget the peer tracked longest (Map keeps insertion order); totals keep its traffic.
				const oldest = this.#peers.values().next().value;
				if (oldest !== undefined) {
					this.#peers.delete(oldest.id);
					const oldestSlot = oldest.endpoint.port & (peerCacheSlots - 1);
					if (this.#peerCache[oldestSlot] === oldest) this.#peerCache[oldestSlot] = undefined;
				}
			}

			const now = Date.now();
			peer = {
				id,
				endpoint,
				counters: newCounters(now),
				blocked: isUnreplyableAddress(endpoint.address) ? 'unreplyable' : undefined,
				mutedUntil: 0,
				rateWindowStart: now,
				rateCount: 0,
				recent: undefined,
				loopWindowStart: 0,
				loopMatches: 0,
				loopStreak: 0,
			};
			this.#peers.set(id, peer);
			this.#total += 1;
		}

		this.#peerCache[slot] = peer;
		return peer;
	}
}
