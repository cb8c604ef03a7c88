package dev.portwatch.table;

import dev.portwatch.net.Transport;

/**
 * Who opened a socket and how the JDK treats it: fixed when its row is created.
 *
 * @param closedByJdkWhenCollected whether the JDK closes the descriptor itself when the socket object is
 *     garbage-collected ({@code Socket}, {@code ServerSocket} and datagram sockets have cleaners; NIO stream
 *     channels do not, so a leaked channel stays open in the kernel)
 */
public record RowOrigin(Transport transport, String thread, Opener opener, boolean agentOwned,
                        boolean closedByJdkWhenCollected) {}
