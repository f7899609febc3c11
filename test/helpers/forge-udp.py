#!/usr/bin/env python3
"""Sends UDP datagrams with a forged IPv4 source address and port, over loopback only (needs root).

Usage: forge-udp.py SRC_HOST SRC_PORT DST_HOST DST_PORT PAYLOAD [COUNT]
A '{}' in PAYLOAD becomes the datagram's number (0, 1, ...), so that each one differs.
Builds the IPv4 and UDP headers itself (raw socket, IP_HDRINCL), so the source can be anything, port 0
included. Prints the number of datagrams sent.
"""
import ipaddress
import socket
import struct
import sys


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b'\0'
    total = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def datagram(src: str, sport: int, dst: str, dport: int, payload: bytes) -> bytes:
    length = 8 + len(payload)
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack('!BBH', 0, socket.IPPROTO_UDP, length)
    udp = struct.pack('!HHHH', sport, dport, length, 0)
    udp_sum = checksum(pseudo + udp + payload) or 0xFFFF
    udp = struct.pack('!HHHH', sport, dport, length, udp_sum)
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + length, 0x1234, 0, 64, socket.IPPROTO_UDP, 0, socket.inet_aton(src), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack('!H', checksum(ip)) + ip[12:]
    return ip + udp + payload


def main() -> int:
    if len(sys.argv) not in (6, 7):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    src, sport, dst, dport, text = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
    count = int(sys.argv[6]) if len(sys.argv) == 7 else 1
    if not ipaddress.ip_address(dst).is_loopback:
        print('forge-udp.py: only loopback destinations', file=sys.stderr)
        return 2
    with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW) as raw:
        raw.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
        for index in range(min(count, 100_000)):
            raw.sendto(datagram(src, sport, dst, dport, text.replace('{}', str(index)).encode()), (dst, 0))
    print(min(count, 100_000))
    return 0


if __name__ == '__main__':
    sys.exit(main())
