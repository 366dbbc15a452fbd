package kit.grader.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JDK APIs a submission may call only through the {@link Guard}, and the JDK packages it may use at all.
 *
 * <p>Two layers. A submission may call into the packages listed in {@link #ALLOWED_PACKAGES} (what the nine tasks
 * need: {@code java.lang}, collections, concurrency, time, I/O and NIO files); a call into any other package
 * (compilers, management beans, JFR, desktop, SQL, RMI, HTTP, class-file tools…) is denied, because many of those
 * write files or open connections on the caller's behalf. Inside the allowed packages, the members below are
 * checked one by one: exiting the JVM, processes, files, sockets, reflection and class loading.
 *
 * <p>Owners are internal names ({@code java/io/File}); a rule's name {@code "*"} matches every member, and a
 * descriptor prefix (e.g. {@code "(Ljava/lang/String;"}) narrows a rule to some overloads.
 */
public final class ApiRules {

    /** One checked member (or group of members). */
    public record Rule(String owner, String name, String descriptorPrefix, Check check, String what) {

        boolean matches(String owner, String name, String descriptor) {
            return this.owner.equals(owner) && (this.name.equals("*") || this.name.equals(name))
                    && (descriptorPrefix == null || descriptor.startsWith(descriptorPrefix));
        }
    }

    /** The JDK packages (internal names) whose classes a submission may call. */
    public static final Set<String> ALLOWED_PACKAGES = Set.of(
            "java/lang", "java/lang/invoke", "java/lang/reflect", "java/lang/ref", "java/lang/annotation",
            "java/lang/constant", "java/lang/runtime",
            "java/util", "java/util/concurrent", "java/util/concurrent/atomic", "java/util/concurrent/locks",
            "java/util/function", "java/util/stream", "java/util/regex", "java/util/logging",
            "java/time", "java/time/format", "java/time/temporal", "java/time/chrono",
            "java/math", "java/text", "java/io", "java/nio", "java/nio/channels", "java/nio/charset",
            "java/nio/file", "java/nio/file/attribute", "java/net");

    private static final String EXIT = "end the JVM that runs the hidden tests";
    private static final String FILES = "touch files outside its scratch directory";
    private static final String NETWORK = "open network connections";
    private static final String REFLECTION = "reach into the grader's or the JDK's internals by reflection";

    private static final List<Rule> RULES = rules();
    private static final Map<String, List<String>> SUPERTYPES = new ConcurrentHashMap<>();

    private ApiRules() {
    }

    /** The rule for a call of {@code owner.name descriptor}, looking through the JDK supertypes too; null if none. */
    public static Rule find(String owner, String name, String descriptor) {
        for (String type : SUPERTYPES.computeIfAbsent(owner, ApiRules::jdkTypeAndSupertypes)) {
            for (Rule rule : RULES) {
                if (rule.matches(type, name, descriptor)) {
                    return rule;
                }
            }
        }
        return null;
    }

    /** Whether any rule names {@code owner.name} (any overload): reflective use of it is denied. */
    public static boolean isChecked(String owner, String name) {
        for (String type : SUPERTYPES.computeIfAbsent(owner, ApiRules::jdkTypeAndSupertypes)) {
            for (Rule rule : RULES) {
                if (rule.owner().equals(type) && (rule.name().equals("*") || rule.name().equals(name))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a submission may call into the JDK package of {@code owner} at all. */
    public static boolean packageAllowed(String owner) {
        int slash = owner.lastIndexOf('/');
        return slash > 0 && ALLOWED_PACKAGES.contains(owner.substring(0, slash));
    }

    /** {@code owner} and its JDK superclasses and interfaces (only {@code owner} when it cannot be loaded). */
    static List<String> jdkTypeAndSupertypes(String owner) {
        List<String> types = new ArrayList<>();
        types.add(owner);
        Class<?> type;
        try {
            type = Class.forName(owner.replace('/', '.'), false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return types;
        }
        addSupertypes(type, types);
        return types;
    }

    private static void addSupertypes(Class<?> type, List<String> types) {
        List<Class<?>> parents = new ArrayList<>(List.of(type.getInterfaces()));
        if (type.getSuperclass() != null) {
            parents.add(0, type.getSuperclass());
        }
        for (Class<?> parent : parents) {
            String name = parent.getName().replace('.', '/');
            if (!types.contains(name)) {
                types.add(name);
                addSupertypes(parent, types);
            }
        }
    }

    private static List<Rule> rules() {
        List<Rule> r = new ArrayList<>();
        // Ending or changing the JVM.
        r.add(new Rule("java/lang/System", "exit", null, Check.EXIT, EXIT));
        r.add(new Rule("java/lang/Runtime", "exit", null, Check.EXIT, EXIT));
        r.add(new Rule("java/lang/Runtime", "halt", null, Check.EXIT, EXIT));
        deny(r, "java/lang/Runtime", "exec", "start processes with Runtime.exec (ProcessBuilder is the way)");
        for (String owner : List.of("java/lang/System", "java/lang/Runtime")) {
            deny(r, owner, "load", "load native code");
            deny(r, owner, "loadLibrary", "load native code");
        }
        // getProperties() hands out the live table: removing kit.grader.testJvm from it would let System.exit through.
        for (String name : List.of("setProperty", "setProperties", "clearProperty", "getProperties",
                "setSecurityManager")) {
            deny(r, "java/lang/System", name, "change the JVM's system properties");
        }
        for (String name : List.of("stop", "suspend", "resume")) {
            deny(r, "java/lang/Thread", name, "stop or suspend threads");
        }
        r.add(new Rule("java/lang/Thread", "interrupt", null, Check.INTERRUPT, "interrupt the grader's threads"));
        // State that every later test of the JVM shares.
        deny(r, "java/lang/Thread", "setDefaultUncaughtExceptionHandler", "change what the whole JVM shares");
        for (String name : List.of("setOut", "setErr", "setIn")) {
            deny(r, "java/lang/System", name, "change what the whole JVM shares");
        }
        for (String owner : List.of("java/util/Locale", "java/util/TimeZone")) {
            deny(r, owner, "setDefault", "change what the whole JVM shares");
        }
        deny(r, "java/lang/Module", "*", "change module access");
        deny(r, "java/lang/ModuleLayer", "*", "define modules");
        // Processes.
        r.add(new Rule("java/lang/ProcessBuilder", "start", null, Check.PROCESS, "start processes"));
        deny(r, "java/lang/ProcessBuilder", "startPipeline", "start process pipelines");
        r.add(new Rule("java/lang/ProcessHandle", "destroy", null, Check.DESTROY, "end other processes"));
        r.add(new Rule("java/lang/ProcessHandle", "destroyForcibly", null, Check.DESTROY, "end other processes"));
        // Class loading and resources.
        deny(r, "java/lang/ClassLoader", "*", "use class loaders directly");
        deny(r, "java/net/URLClassLoader", "*", "create class loaders");
        r.add(new Rule("java/lang/Class", "forName", null, Check.CLASS_NAME, REFLECTION));
        deny(r, "java/lang/Class", "getResource", "read the grader's files as resources");
        deny(r, "java/lang/Class", "getResourceAsStream", "read the grader's files as resources");
        for (String name : List.of("getDeclaredField", "getDeclaredFields", "getDeclaredMethod", "getDeclaredMethods",
                "getDeclaredConstructor", "getDeclaredConstructors", "getField", "getFields", "getMethod", "getMethods",
                "getConstructor", "getConstructors", "getRecordComponents", "getDeclaredClasses", "getClasses",
                "getEnclosingMethod", "getEnclosingConstructor", "newInstance", "getNestMembers", "getPermittedSubclasses")) {
            r.add(new Rule("java/lang/Class", name, null, Check.REFLECT_CLASS, REFLECTION));
        }
        // Reflection and method handles.
        deny(r, "java/lang/reflect/AccessibleObject", "setAccessible", "make private members accessible");
        deny(r, "java/lang/reflect/AccessibleObject", "trySetAccessible", "make private members accessible");
        r.add(new Rule("java/lang/reflect/Method", "invoke", null, Check.REFLECT_MEMBER, REFLECTION));
        r.add(new Rule("java/lang/reflect/Constructor", "newInstance", null, Check.REFLECT_MEMBER, REFLECTION));
        for (String prefix : List.of("get", "set")) {
            for (String type : List.of("", "Boolean", "Byte", "Char", "Short", "Int", "Long", "Float", "Double")) {
                r.add(new Rule("java/lang/reflect/Field", prefix + type, null, Check.REFLECT_MEMBER, REFLECTION));
            }
        }
        deny(r, "java/lang/invoke/MethodHandles", "privateLookupIn", "look into other classes' private members");
        deny(r, "java/lang/invoke/MethodHandles$Lookup", "defineClass", "define classes at run time");
        deny(r, "java/lang/invoke/MethodHandles$Lookup", "defineHiddenClass", "define classes at run time");
        deny(r, "java/lang/invoke/MethodHandles$Lookup", "defineHiddenClassWithClassData", "define classes at run time");
        r.add(new Rule("java/lang/invoke/MethodHandles$Lookup", "*", null, Check.LOOKUP, REFLECTION));
        r.add(new Rule("java/lang/StackWalker", "getInstance", null, Check.STACK_WALKER,
                "get the Class objects of its callers (the grader's tests)"));
        // Files: java.io.
        for (String name : List.of("delete", "deleteOnExit", "renameTo", "mkdir", "mkdirs", "createNewFile",
                "setReadable", "setWritable", "setExecutable", "setLastModified", "setReadOnly", "createTempFile")) {
            r.add(new Rule("java/io/File", name, null, Check.WRITE, FILES));
        }
        for (String name : List.of("list", "listFiles")) {
            r.add(new Rule("java/io/File", name, null, Check.READ, FILES));
        }
        for (String owner : List.of("java/io/FileOutputStream", "java/io/FileWriter", "java/io/PrintStream",
                "java/io/PrintWriter", "java/util/Formatter")) {
            r.add(new Rule(owner, "<init>", "(Ljava/lang/String;", Check.WRITE_NAMED, FILES));
            r.add(new Rule(owner, "<init>", "(Ljava/io/File;", Check.WRITE_NAMED, FILES));
        }
        for (String owner : List.of("java/io/FileInputStream", "java/io/FileReader")) {
            r.add(new Rule(owner, "<init>", "(Ljava/lang/String;", Check.READ_NAMED, FILES));
            r.add(new Rule(owner, "<init>", "(Ljava/io/File;", Check.READ_NAMED, FILES));
        }
        // new Scanner(String) scans the string itself; only its File and Path overloads read files.
        r.add(new Rule("java/util/Scanner", "<init>", "(Ljava/io/File;", Check.READ, FILES));
        r.add(new Rule("java/util/Scanner", "<init>", "(Ljava/nio/file/Path;", Check.READ, FILES));
        r.add(new Rule("java/io/RandomAccessFile", "<init>", null, Check.RANDOM_ACCESS, FILES));
        deny(r, "java/util/logging/FileHandler", "*", "write log files");
        // A logging configuration can name a FileHandler, which the LogManager then creates on the caller's behalf.
        deny(r, "java/util/logging/LogManager", "readConfiguration", "write log files");
        deny(r, "java/util/logging/LogManager", "updateConfiguration", "write log files");
        // Files: java.nio.
        for (String name : List.of("newInputStream", "newBufferedReader", "readAllBytes", "readString",
                "readAllLines", "lines", "list", "walk", "find", "newDirectoryStream", "readSymbolicLink", "mismatch",
                "walkFileTree")) {
            r.add(new Rule("java/nio/file/Files", name, null, Check.READ, FILES));
        }
        for (String name : List.of("newOutputStream", "newBufferedWriter", "write", "writeString", "delete",
                "deleteIfExists", "move", "copy", "createFile", "createDirectory", "createDirectories",
                "createTempFile", "createTempDirectory", "setAttribute", "setLastModifiedTime", "setOwner",
                "setPosixFilePermissions")) {
            r.add(new Rule("java/nio/file/Files", name, null, Check.WRITE, FILES));
        }
        // A view changes its file (times, permissions, owner, user attributes): check the path when it is made.
        r.add(new Rule("java/nio/file/Files", "getFileAttributeView", null, Check.WRITE, FILES));
        // Its members take paths relative to a directory already open, or absolute ones: no check can see where.
        deny(r, "java/nio/file/SecureDirectoryStream", "*", "use a SecureDirectoryStream (it reaches any file)");
        deny(r, "java/nio/file/Files", "createLink", "create file links");
        deny(r, "java/nio/file/Files", "createSymbolicLink", "create file links");
        r.add(new Rule("java/nio/file/Files", "newByteChannel", null, Check.OPEN, FILES));
        r.add(new Rule("java/nio/channels/FileChannel", "open", null, Check.OPEN, FILES));
        r.add(new Rule("java/nio/channels/AsynchronousFileChannel", "open", null, Check.OPEN, FILES));
        deny(r, "java/nio/file/FileSystems", "newFileSystem", "open zip or jar files as file systems");
        deny(r, "java/nio/file/FileSystem", "provider", "use file-system providers directly");
        deny(r, "java/nio/file/Path", "getFileSystem", "use file-system providers directly");
        // Network.
        for (String owner : List.of("java/net/Socket", "java/net/ServerSocket", "java/net/DatagramSocket",
                "java/net/MulticastSocket", "java/net/URLConnection", "java/net/HttpURLConnection")) {
            deny(r, owner, "*", NETWORK);
        }
        // A URL resolves its host in equals and hashCode, which JDK collections call on the submission's behalf.
        deny(r, "java/net/URL", "*", NETWORK);
        deny(r, "java/net/URI", "toURL", NETWORK);
        // Name lookups go to the resolver: a DNS query can carry data out of the machine.
        for (String name : List.of("getByName", "getAllByName", "getLocalHost", "getHostName", "getCanonicalHostName",
                "isReachable")) {
            deny(r, "java/net/InetAddress", name, "look up host names (a DNS query is a network connection)");
        }
        r.add(new Rule("java/net/InetSocketAddress", "<init>", "(Ljava/lang/String;", Check.DENY,
                "look up host names (a DNS query is a network connection)"));
        deny(r, "java/net/InetSocketAddress", "getHostName", "look up host names (a DNS query is a network connection)");
        for (String owner : List.of("java/nio/channels/SocketChannel", "java/nio/channels/ServerSocketChannel",
                "java/nio/channels/DatagramChannel", "java/nio/channels/AsynchronousSocketChannel",
                "java/nio/channels/AsynchronousServerSocketChannel")) {
            deny(r, owner, "open", NETWORK);
        }
        return List.copyOf(r);
    }

    private static void deny(List<Rule> rules, String owner, String name, String what) {
        rules.add(new Rule(owner, name, null, Check.DENY, what));
    }
}
