package io.openim.maven.buildimage;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fills in the base image of a build-image Dockerfile. Two forms are understood, as in the
 * original scripts: the literal token {@value #TOKEN} (replaced by IMAGE:VERSION) and
 * {@code ARG OPENIM_CROSS_IMAGE} / {@code ARG OPENIM_CROSS_VERSION} (given as build args).
 */
public final class DockerfileTemplate {

    public static final String TOKEN = "OPENIM_BUILD_IMAGE_CROSS_TAG";
    public static final String ARG_IMAGE = "OPENIM_CROSS_IMAGE";
    public static final String ARG_VERSION = "OPENIM_CROSS_VERSION";

    /** The rendered Dockerfile and the build args the template asked for. */
    public record Rendered(String dockerfile, Map<String, String> buildArgs) {}

    private DockerfileTemplate() {}

    public static Rendered render(Path dockerfile, String text, String crossImage, String crossVersion) {
        String reference = crossReference(crossImage, crossVersion);
        String rendered = text;
        if (text.contains(TOKEN)) {
            if (reference == null) {
                throw new OpenImException(dockerfile + " starts from " + TOKEN + " but no cross image is configured."
                        + " Set 'crossImage' and 'crossVersion': " + Setting.CROSS_IMAGE.describe("golang") + " and "
                        + Setting.CROSS_VERSION.describe("1.21") + ".");
            }
            rendered = text.replace(TOKEN, reference);
        }
        Map<String, String> args = new LinkedHashMap<>();
        addArg(args, dockerfile, text, ARG_IMAGE, crossImage, Setting.CROSS_IMAGE);
        addArg(args, dockerfile, text, ARG_VERSION, crossVersion, Setting.CROSS_VERSION);
        return new Rendered(rendered, args);
    }

    /** "image:version", the image alone when it already has a tag or no version is set, or null. */
    static String crossReference(String image, String version) {
        if (image == null || image.isBlank()) {
            return null;
        }
        int lastSlash = image.lastIndexOf('/');
        boolean hasTag = image.indexOf(':', lastSlash + 1) >= 0 || image.contains("@");
        if (version == null || version.isBlank() || hasTag) {
            return image;
        }
        return image + ":" + version;
    }

    private static void addArg(
            Map<String, String> args, Path dockerfile, String text, String name, String value, Setting setting) {
        Pattern declared = Pattern.compile("(?m)^\\s*ARG\\s+" + name + "(\\s*=\\s*\\S+)?\\s*$");
        var matcher = declared.matcher(text);
        if (!matcher.find()) {
            return;
        }
        boolean hasDefault = matcher.group(1) != null;
        if (value != null && !value.isBlank()) {
            args.put(name, value);
        } else if (!hasDefault) {
            throw new OpenImException(dockerfile + " declares ARG " + name + " without a default and "
                    + setting.describe() + " is not set. Set it, or give the ARG a default.");
        }
    }
}
