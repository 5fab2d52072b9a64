package io.openim.maven.sbom;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * SPDX identifiers for the licenses POMs name most, by the identifier itself, the usual names or
 * the license's URL. Anything else is not guessed: the caller leaves the license out.
 */
public final class SpdxLicenses {

    /** Identifiers a POM may give as its license name as they are. */
    private static final Set<String> IDENTIFIERS = Set.of(
            "Apache-2.0",
            "MIT",
            "MIT-0",
            "BSD-2-Clause",
            "BSD-3-Clause",
            "ISC",
            "MPL-2.0",
            "EPL-1.0",
            "EPL-2.0",
            "GPL-2.0-only",
            "GPL-2.0-or-later",
            "GPL-3.0-only",
            "GPL-3.0-or-later",
            "LGPL-2.1-only",
            "LGPL-2.1-or-later",
            "LGPL-3.0-only",
            "LGPL-3.0-or-later",
            "AGPL-3.0-only",
            "AGPL-3.0-or-later",
            "CDDL-1.0",
            "CDDL-1.1",
            "Unlicense",
            "CC0-1.0",
            "BSL-1.0",
            "Zlib");

    /** Names (lower case, runs of anything but letters and digits as one space) and URL tails. */
    private static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        for (String name : new String[] {
            "apache license version 2 0",
            "the apache software license version 2 0",
            "apache license 2 0",
            "apache 2 0",
            "apache 2",
            "apache software license 2 0",
            "www apache org licenses license 2 0",
            "www apache org licenses license 2 0 txt",
            "www apache org licenses license 2 0 html"
        }) {
            KNOWN.put(name, "Apache-2.0");
        }
        for (String name : new String[] {
            "mit license",
            "the mit license",
            "mit",
            "opensource org licenses mit",
            "opensource org licenses mit license php"
        }) {
            KNOWN.put(name, "MIT");
        }
        KNOWN.put("bsd 2 clause license", "BSD-2-Clause");
        KNOWN.put("the bsd 2 clause license", "BSD-2-Clause");
        KNOWN.put("opensource org licenses bsd 2 clause", "BSD-2-Clause");
        KNOWN.put("bsd 3 clause license", "BSD-3-Clause");
        KNOWN.put("the bsd 3 clause license", "BSD-3-Clause");
        KNOWN.put("new bsd license", "BSD-3-Clause");
        KNOWN.put("opensource org licenses bsd 3 clause", "BSD-3-Clause");
        KNOWN.put("mozilla public license version 2 0", "MPL-2.0");
        KNOWN.put("mozilla public license 2 0", "MPL-2.0");
        KNOWN.put("www mozilla org mpl 2 0", "MPL-2.0");
        KNOWN.put("eclipse public license 2 0", "EPL-2.0");
        KNOWN.put("eclipse public license v2 0", "EPL-2.0");
        KNOWN.put("www eclipse org legal epl 2 0", "EPL-2.0");
        KNOWN.put("eclipse public license 1 0", "EPL-1.0");
        KNOWN.put("eclipse public license v1 0", "EPL-1.0");
        KNOWN.put("isc license", "ISC");
        KNOWN.put("the unlicense", "Unlicense");
        KNOWN.put("unlicense org", "Unlicense");
        KNOWN.put("cc0 1 0 universal", "CC0-1.0");
        KNOWN.put("boost software license 1 0", "BSL-1.0");
    }

    private SpdxLicenses() {}

    /** The SPDX identifier of a POM license, or null when neither its name nor its URL says it plainly. */
    public static String identify(String name, String url) {
        if (name != null && IDENTIFIERS.contains(name.trim())) {
            return name.trim();
        }
        for (String text : new String[] {name, url}) {
            if (text == null) {
                continue;
            }
            String key = text.toLowerCase(Locale.ROOT)
                    .replaceFirst("^[a-z]+://", "")
                    .replaceAll("[^a-z0-9]+", " ")
                    .trim();
            String known = KNOWN.get(key);
            if (known != null) {
                return known;
            }
        }
        return null;
    }
}
