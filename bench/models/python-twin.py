"""The tutorial's socketserver servers, as the models bench's twins: the uppercase echo handler served by
TCPServer / ThreadingTCPServer / ForkingTCPServer (UDP likewise), with the same reply-delay and
handler-CPU knobs as `socktui server`. Prints `listening PROTO 127.0.0.1:PORT` once bound."""
import argparse
import socketserver
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument('--model', choices=['iterative', 'threads', 'processes'], required=True)
parser.add_argument('--udp', action='store_true')
parser.add_argument('--port', type=int, default=0)
parser.add_argument('--reply-delay', type=float, default=0)
parser.add_argument('--handler-cpu', type=float, default=0)
args = parser.parse_args()
delay = args.reply_delay / 1000
cpu = args.handler_cpu / 1000


def work(data):
    if cpu > 0:
        end = time.perf_counter() + cpu
        while time.perf_counter() < end:
            pass
    if delay > 0:
        time.sleep(delay)
    return data.upper()


class TcpHandler(socketserver.BaseRequestHandler):
    def handle(self):
        # The tutorial's communication loop inside the connection loop.
        while True:
            data = self.request.recv(1024)
            if not data:
                break
            self.request.sendall(work(data))


class UdpHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        sock.sendto(work(data), self.client_address)


bases = {
    ('iterative', False): socketserver.TCPServer,
    ('threads', False): socketserver.ThreadingTCPServer,
    ('processes', False): socketserver.ForkingTCPServer,
    ('iterative', True): socketserver.UDPServer,
    ('threads', True): socketserver.ThreadingUDPServer,
    ('processes', True): socketserver.ForkingUDPServer,
}
Base = bases[(args.model, args.udp)]


class Server(Base):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 128


server = Server(('127.0.0.1', args.port), UdpHandler if args.udp else TcpHandler)
print(f"listening {'udp' if args.udp else 'tcp'} 127.0.0.1:{server.server_address[1]}", flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
finally:
    server.server_close()
    sys.exit(0)
