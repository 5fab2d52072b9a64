package io.openim.maven.sync;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What one rsync run moved, read from its {@code --stats} report. */
public record TransferStats(
        long filesTransferred, long filesDeleted, long fileBytes, long bytesSent, long bytesReceived) {

    private static final Pattern TRANSFERRED =
            Pattern.compile("Number of (?:regular )?files transferred:\\s*([\\d,.]+)");
    private static final Pattern DELETED = Pattern.compile("Number of deleted files:\\s*([\\d,.]+)");
    private static final Pattern FILE_BYTES = Pattern.compile("Total transferred file size:\\s*([\\d,.]+)");
    private static final Pattern SENT = Pattern.compile("Total bytes sent:\\s*([\\d,.]+)");
    private static final Pattern RECEIVED = Pattern.compile("Total bytes received:\\s*([\\d,.]+)");

    /** Nothing moved. */
    public static final TransferStats NONE = new TransferStats(0, 0, 0, 0, 0);

    public static TransferStats parse(String output) {
        // A 3.2 daemon reports deletions as "*deleting" items but counts 0 of them in --stats.
        long itemizedDeletions =
                output.lines().filter(line -> line.startsWith("*deleting")).count();
        return new TransferStats(
                number(TRANSFERRED, output),
                Math.max(number(DELETED, output), itemizedDeletions),
                number(FILE_BYTES, output),
                number(SENT, output),
                number(RECEIVED, output));
    }

    private static long number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return 0;
        }
        // rsync groups digits with ',' or '.' depending on the locale.
        return Long.parseLong(matcher.group(1).replaceAll("[,.]", ""));
    }

    /**
     * The line the log shows, e.g. "3 file(s) transferred (1204 bytes of file data, 1530 bytes sent,
     * 96 received), 1 deleted".
     */
    public String summary() {
        return filesTransferred + " file(s) transferred (" + fileBytes + " bytes of file data, " + bytesSent
                + " bytes sent, " + bytesReceived + " received), " + filesDeleted + " deleted";
    }
}
