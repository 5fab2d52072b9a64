// An engine that misbehaves, on a Unix socket of the test's own, for the tests of what the plugin
// says then. Two kinds:
//   answering(socket, reply)  answers /version, /_ping and /info as Docker Engine 20.10 would and
//                             every other request with reply(requestLine): the bytes to send (the
//                             connection is closed after them), or null to stay silent for good;
//   proxy(socket, upstream)   carries every connection to the real engine's socket until freeze():
//                             from then on nothing more travels either way and new connections are
//                             accepted and never answered, as from an engine that hangs.
// Loaded with `new GroovyClassLoader(...).parseClass(file)`; close() stops it and removes the socket.
import java.nio.ByteBuffer
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.nio.charset.StandardCharsets
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress

class ImpostorEngine implements Closeable {
    static final String VERSION = '{"Version":"20.10.24","ApiVersion":"1.41","Os":"linux","Arch":"amd64"}'

    final File socket
    private final ServerSocketChannel server
    private final List<SocketChannel> open = Collections.synchronizedList([])
    private volatile boolean frozen
    private final Closure reply
    private final File upstream

    private ImpostorEngine(File socket, Closure reply, File upstream) {
        this.socket = socket
        this.reply = reply
        this.upstream = upstream
        socket.delete()
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        server.bind(UnixDomainSocketAddress.of(socket.toPath()))
        Thread.startDaemon('impostor-accept') { acceptLoop() }
    }

    static ImpostorEngine answering(File socket, Closure reply) { new ImpostorEngine(socket, reply, null) }

    static ImpostorEngine proxy(File socket, File upstream) { new ImpostorEngine(socket, null, upstream) }

    String host() { "unix://${socket.path}".toString() }

    void freeze() { frozen = true }

    static String http(String status, String contentType, String body) {
        "HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.getBytes(StandardCharsets.UTF_8).length}\r\n\r\n${body}".toString()
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client
            try {
                client = server.accept()
            } catch (IOException ignored) {
                return
            }
            open << client
            Thread.startDaemon('impostor-connection') {
                try {
                    if (frozen) {
                        holdSilently(client)
                    } else if (upstream != null) {
                        relay(client)
                    } else {
                        answer(client)
                    }
                } catch (IOException ignored) {
                    // The plugin went away.
                } finally {
                    try { client.close() } catch (IOException ignored) {}
                }
            }
        }
    }

    private static void holdSilently(SocketChannel client) {
        def buffer = ByteBuffer.allocate(8192)
        while (client.read(buffer.clear()) >= 0) {}
    }

    private void relay(SocketChannel client) {
        def engine = SocketChannel.open(UnixDomainSocketAddress.of(upstream.toPath()))
        open << engine
        def up = Thread.startDaemon('impostor-up') { pump(client, engine) }
        pump(engine, client)
        up.join(1000)
        try { engine.close() } catch (IOException ignored) {}
    }

    private void pump(SocketChannel from, SocketChannel to) {
        def buffer = ByteBuffer.allocate(65536)
        try {
            while (from.read(buffer.clear()) >= 0) {
                // Frozen: what arrives is kept, never passed on, as by an engine that hangs.
                while (frozen && from.isOpen() && to.isOpen()) { Thread.sleep(100) }
                buffer.flip()
                while (buffer.hasRemaining()) { to.write(buffer) }
            }
        } catch (IOException ignored) {
            // One side closed.
        }
        try { to.shutdownOutput() } catch (IOException ignored) {}
    }

    private void answer(SocketChannel client) {
        def input = java.nio.channels.Channels.newInputStream(client)
        def output = java.nio.channels.Channels.newOutputStream(client)
        while (true) {
            String head = readHead(input)
            if (head == null) {
                return
            }
            head.split('\r\n').find { it.toLowerCase().startsWith('content-length:') }?.with {
                input.readNBytes(it.substring(15).trim() as int)
            }
            String line = head.readLines()[0]
            String text
            boolean keepOpen = true
            if (line.contains(' /version ')) {
                text = http('200 OK', 'application/json', VERSION)
            } else if (line.contains(' /_ping ')) {
                text = http('200 OK', 'text/plain', 'OK')
            } else if (line.contains(' /info ')) {
                text = http('200 OK', 'application/json', '{"SecurityOptions":[]}')
            } else {
                text = reply(line)
                keepOpen = false
                if (text == null) {
                    holdSilently(client)
                    return
                }
            }
            output.write(text.getBytes(StandardCharsets.UTF_8))
            output.flush()
            if (!keepOpen) {
                return
            }
        }
    }

    private static String readHead(InputStream input) {
        def head = new ByteArrayOutputStream()
        int matched = 0
        int b
        while ((b = input.read()) >= 0) {
            head.write(b)
            matched = (b == (int) "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == 13 ? 1 : 0)
            if (matched == 4) {
                return head.toString('ISO-8859-1')
            }
        }
        null
    }

    void close() {
        try { server.close() } catch (IOException ignored) {}
        open.each { try { it.close() } catch (IOException ignored) {} }
        socket.delete()
    }
}
