public class Sleep1 { public static void main(String[] a) throws Exception { Thread.sleep(1500); } }
