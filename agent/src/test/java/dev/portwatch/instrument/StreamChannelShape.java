package dev.portwatch.instrument;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/** A class shaped like {@code sun.nio.ch.SocketChannelImpl}: the methods portwatch weaves, with canned results. */
public class StreamChannelShape {

    int nextResult;

    public StreamChannelShape bind(SocketAddress local) {
        return this;
    }

    public boolean connect(SocketAddress remote) {
        return false;
    }

    boolean blockingConnect(SocketAddress remote, long nanos) {
        return true;
    }

    public boolean finishConnect() {
        return true;
    }

    protected void implCloseSelectableChannel() {
        nextResult = -1;
    }

    public int read(ByteBuffer buffer) {
        return nextResult;
    }

    int tryRead(byte[] bytes, int offset, int length) {
        return nextResult;
    }

    public int write(ByteBuffer buffer) {
        return nextResult;
    }

    int tryWrite(byte[] bytes, int offset, int length) {
        return nextResult;
    }
}
