package io.openim.maven.release;

import io.openim.maven.util.TarStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Copies a layer tar with every entry's time set to one moment: what the engine's builder stamps
 * with the build's clock (the directories a COPY touches) becomes reproducible. Only the headers
 * change; names, modes, owners, links and contents pass through byte for byte. PAX time records
 * are dropped, so the header's time is the only one.
 */
final class LayerTimes {

    private static final int BLOCK = 512;
    private static final List<String> TIME_KEYS = List.of("mtime", "atime", "ctime");

    private LayerTimes() {}

    static void normalize(InputStream in, OutputStream out, long mtime) throws IOException {
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK) {
                out.write(header);
                return;
            }
            if (TarStream.isZero(header)) {
                out.write(header);
                in.transferTo(out);
                return;
            }
            char type = (char) header[156];
            long size = TarStream.parseOctal(header, 124, 12);
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if (type == 'x') {
                byte[] records = in.readNBytes((int) size);
                in.skipNBytes(padded - size);
                byte[] kept = withoutTimes(records);
                octal(header, 124, 12, kept.length);
                octal(header, 136, 12, mtime);
                checksum(header);
                out.write(header);
                out.write(kept);
                out.write(new byte[(int) ((BLOCK - kept.length % BLOCK) % BLOCK)]);
                continue;
            }
            octal(header, 136, 12, mtime);
            checksum(header);
            out.write(header);
            copy(in, out, padded);
        }
    }

    /** PAX records ("LEN key=value\n") without the time keys, their lengths recomputed. */
    private static byte[] withoutTimes(byte[] records) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        int position = 0;
        while (position < records.length) {
            int space = position;
            while (space < records.length && records[space] != ' ') {
                space++;
            }
            if (space == records.length) {
                break;
            }
            int length = Integer.parseInt(new String(records, position, space - position, StandardCharsets.US_ASCII));
            int equals = space;
            while (equals < position + length && records[equals] != '=') {
                equals++;
            }
            String key = new String(records, space + 1, equals - space - 1, StandardCharsets.UTF_8);
            if (!TIME_KEYS.contains(key)) {
                kept.write(records, position, length);
            }
            position += length;
        }
        return kept.toByteArray();
    }

    private static void copy(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("the layer ends inside an entry");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void checksum(byte[] header) {
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        StringBuilder field = new StringBuilder();
        for (int i = digits.length(); i < length - 1; i++) {
            field.append('0');
        }
        field.append(digits);
        byte[] bytes = field.toString().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length - 1));
        header[offset + length - 1] = 0;
    }
}
