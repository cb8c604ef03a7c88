import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

public class FirstBind {
    static long cpu() throws Exception {
        return Long.parseLong(Files.readString(Path.of("/proc/thread-self/schedstat")).split(" ")[0]);
    }
    static void deep(int n, Runnable r) { if (n > 0) deep(n - 1, r); else r.run(); }
    public static void main(String[] a) throws Exception {
        Thread.sleep(2000);
        cpu();
        long[] t = new long[4];
        deep(80, () -> {
            try {
                t[0] = cpu();
                ServerSocketChannel s = ServerSocketChannel.open();
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                t[1] = cpu();
                SocketChannel c = SocketChannel.open(s.getLocalAddress());
                SocketChannel acc = s.accept();
                t[2] = cpu();
                c.close(); acc.close(); s.close();
                t[3] = cpu();
            } catch (Exception e) { throw new RuntimeException(e); }
        });
        System.out.printf("bind %.2f connect+accept %.2f close %.2f ms%n", (t[1]-t[0])/1e6, (t[2]-t[1])/1e6, (t[3]-t[2])/1e6);
    }
}
