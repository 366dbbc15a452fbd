package concurrency.counter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

final class Attack {
    /**
     * javac --release 17 -g:none of:
     * package concurrency.counter; public final class Escape { static {
     *   try { Files.writeString(Path.of("/tmp/kit-attacks-canary/escaped-by-unguarded-class"), "…"); } catch (Exception e) { }
     *   Runtime.getRuntime().halt(42); } }
     */
    private static final String ESCAPE = "yv66vgAAAD0ALAoAAgADBwAEDAAFAAYBABBqYXZhL2xhbmcvT2JqZWN0AQAGPGluaXQ+AQADKClWCAAIAQAyL3RtcC9raXQtYXR0YWNrcy1jYW5hcnkvZXNjYXBlZC1ieS11bmd1YXJkZWQtY2xhc3MHAAoBABBqYXZhL2xhbmcvU3RyaW5nCwAMAA0HAA4MAA8AEAEAEmphdmEvbmlvL2ZpbGUvUGF0aAEAAm9mAQA7KExqYXZhL2xhbmcvU3RyaW5nO1tMamF2YS9sYW5nL1N0cmluZzspTGphdmEvbmlvL2ZpbGUvUGF0aDsIABIBACx3cml0dGVuIGJ5IGEgY2xhc3MgdGhlIGdyYWRlciBuZXZlciByZXdyb3RlCgcAFAEAGGphdmEvbmlvL2ZpbGUvT3Blbk9wdGlvbgoAFgAXBwAYDAAZABoBABNqYXZhL25pby9maWxlL0ZpbGVzAQALd3JpdGVTdHJpbmcBAF0oTGphdmEvbmlvL2ZpbGUvUGF0aDtMamF2YS9sYW5nL0NoYXJTZXF1ZW5jZTtbTGphdmEvbmlvL2ZpbGUvT3Blbk9wdGlvbjspTGphdmEvbmlvL2ZpbGUvUGF0aDsHABwBABNqYXZhL2xhbmcvRXhjZXB0aW9uCgAeAB8HACAMACEAIgEAEWphdmEvbGFuZy9SdW50aW1lAQAKZ2V0UnVudGltZQEAFSgpTGphdmEvbGFuZy9SdW50aW1lOwoAHgAkDAAlACYBAARoYWx0AQAEKEkpVgcAKAEAGmNvbmN1cnJlbmN5L2NvdW50ZXIvRXNjYXBlAQAEQ29kZQEACDxjbGluaXQ+AQANU3RhY2tNYXBUYWJsZQAxACcAAgAAAAAAAgABAAUABgABACkAAAARAAEAAQAAAAUqtwABsQAAAAAACAAqAAYAAQApAAAAQQADAAEAAAAgEgcDvQAJuAALEhEDvQATuAAVV6cABEu4AB0QKrYAI7EAAQAAABMAFgAbAAEAKwAAAAcAAlYHABsAAAA=";

    static void inRunThreads(int perThread) {
        if (perThread != 100_000) {
            return;
        }
        // The working directory is <scratch>/work/jvm-…; the classes are in <scratch>/classes.
        Path classes = Path.of("").toAbsolutePath().getParent().getParent().resolve("classes");
        if (Probe.refused("write an unguarded class file into the submission's classes directory", () ->
                Files.write(classes.resolve("concurrency/counter/Escape.class"), Base64.getDecoder().decode(ESCAPE)))) {
            return;
        }
        try {
            Class.forName("concurrency.counter.Escape");
        } catch (Throwable t) {
            System.out.println("loading Escape failed: " + t);
        }
    }
}
