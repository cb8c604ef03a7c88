package dev.portwatch.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started without the agent: it opens a listener and two connections to it before anyone attaches, then on
 * stdin commands opens more ("connect") or leaves a connection in CLOSE_WAIT ("closewait": the peer closes, this
 * side does not). Prints its listener port with "OK ready".
 */
public final class PreexistingSockets {

    public static void main(String[] args) throws Exception {
        List<Socket> open = new ArrayList<>();
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 2; i++) {
            open.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
            open.add(server.accept());
        }
        System.out.println("OK ready port=" + server.getLocalPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.trim()) {
                case "connect" -> {
                    open.add(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                    open.add(server.accept());
                }
                case "closewait" -> {
                    Socket stays = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    open.add(stays);
                    server.accept().close(); // the peer closes; `stays` is now in CLOSE_WAIT
                    Thread.sleep(200);
                }
                default -> {
                    System.out.println("ERR " + line);
                    continue;
                }
            }
            System.out.println("OK " + line.trim());
        }
    }
}
