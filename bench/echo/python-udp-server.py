# The tutorial's UDP server loop (recvfrom, upper, sendto), without its per-message print (which would
# measure the terminal, not the socket). Prints `listening udp 127.0.0.1:PORT` on a free port.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
print(f'listening udp 127.0.0.1:{server.getsockname()[1]}', flush=True)
while True:
    data, addr = server.recvfrom(1024)
    server.sendto(data.upper(), addr)
