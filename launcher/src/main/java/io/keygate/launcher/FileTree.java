package io.keygate.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Deletes what a directory contains; used for Payara's runtime directory, which must start fresh. */
final class FileTree {

    private FileTree() {
    }

    static void empty(Path dir) throws IOException {
        List<Path> inside;
        try (Stream<Path> walk = Files.walk(dir)) {
            // deepest first, so each directory is empty when its turn comes
            inside = walk.filter(p -> !p.equals(dir)).sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path path : inside) {
            Files.delete(path);
        }
    }
}
