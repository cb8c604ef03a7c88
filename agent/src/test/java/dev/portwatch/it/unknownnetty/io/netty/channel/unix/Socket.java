package dev.portwatch.it.unknownnetty.io.netty.channel.unix;

import java.net.SocketAddress;

/**
 * A class named like Netty's native socket under a relocated package, but of a shape no Netty has: a constructor
 * from a descriptor, a {@code bind} and nothing else. portwatch must weave what matches, name what is missing in one
 * line, and change nothing in what the class does.
 */
public class Socket {

    private final int fd;
    private SocketAddress bound;

    public Socket(int fd) {
        this.fd = fd;
    }

    public void bind(SocketAddress address) {
        bound = address;
    }

    @Override
    public String toString() {
        return "Socket{fd=" + fd + ", bound=" + bound + "}";
    }
}
