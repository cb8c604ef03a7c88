package dev.portwatch.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The known name a typo most likely meant ({@code prot} → {@code port}, {@code conections} → {@code connections}),
 * by edit distance where swapping two neighbouring letters counts as one edit: the usual typo. A name further from
 * every known one than a typo would take gets no suggestion, so an unrelated word is never "corrected".
 */
public final class NearestName {

    private static final int MOST_EDITS = 2;
    /** Longer input is no typo of a name, and is not worth a quadratic comparison. */
    private static final int LONGEST_TYPED = 64;

    private NearestName() {}

    /** The known name nearest to {@code typed}, if one is within a typo of it; ties go to the earlier name. */
    public static Optional<String> among(String typed, Collection<String> known) {
        if (typed.isEmpty() || typed.length() > LONGEST_TYPED) {
            return Optional.empty();
        }
        String lowerTyped = typed.toLowerCase(Locale.ROOT);
        String nearest = null;
        int nearestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int distance = distance(lowerTyped, name.toLowerCase(Locale.ROOT));
            if (distance <= allowedEdits(name) && distance < nearestDistance) {
                nearest = name;
                nearestDistance = distance;
            }
        }
        return Optional.ofNullable(nearest);
    }

    /**
     * "did you mean 'port'? " or nothing: the part of an error message between the problem and the choices.
     * Nothing, too, for a name spelt right but misplaced: suggesting it again would not help.
     */
    public static String hint(String typed, Collection<String> known) {
        return among(typed, known).filter(name -> !name.equals(typed))
                .map(name -> "did you mean '" + name + "'? ").orElse("");
    }

    /** A third of the name's length, at least one and at most {@value #MOST_EDITS}: short names need a close match. */
    private static int allowedEdits(String name) {
        return Math.max(1, Math.min(MOST_EDITS, name.length() / 3));
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
