package io.openim.maven.sbom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Finds the build information the Go linker puts into an ELF binary and reads its two strings: the
 * Go version and the module information. It lives in the {@code .go.buildinfo} section (or, where a
 * linker dropped section names, at the start of the first writable data segment): a 32-byte header
 * starting with {@code \xff Go buildinf:}, then, since Go 1.18, both strings inline, each after its
 * length as an unsigned varint. Only the headers and those bytes are read, never the whole binary.
 */
final class ElfBuildInfo {

    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);

    /** The Go linker aligns the header to 16 bytes; its own reader looks this far into the data. */
    private static final int SEARCH_WINDOW = 64 * 1024;

    private static final int HEADER_SIZE = 32;
    private static final int FLAG_VERSION_INLINE = 0x2;
    private static final int SHT_NOBITS = 8;
    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;
    private static final int PF_W = 2;

    /** A string is never this long in a sane binary; a larger length means the data is not build info. */
    private static final long MAX_STRING = 16L << 20;

    /** The version ("go1.19.8") and the raw module information, its binary sentinels still around it. */
    record Strings(String version, byte[] modinfo) {}

    private ElfBuildInfo() {}

    static Strings read(Path binary) throws IOException, NoBuildInfoException {
        try (FileChannel file = FileChannel.open(binary, StandardOpenOption.READ)) {
            ByteBuffer ident = readAt(file, 0, 16);
            if (ident.remaining() < 16
                    || ident.get(0) != 0x7f
                    || ident.get(1) != 'E'
                    || ident.get(2) != 'L'
                    || ident.get(3) != 'F') {
                throw new NoBuildInfoException("it is not an ELF binary");
            }
            boolean wide = ident.get(4) == 2;
            ByteOrder order = ident.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            long[] region = buildInfoRegion(file, wide, order);
            if (region == null) {
                throw new NoBuildInfoException("it has no .go.buildinfo section (not built by Go)");
            }
            long start = findMagic(file, region[0], Math.min(region[1], SEARCH_WINDOW));
            if (start < 0) {
                throw new NoBuildInfoException("it has no Go build information (not built by Go)");
            }
            ByteBuffer header = readAt(file, start, HEADER_SIZE);
            if (header.remaining() < HEADER_SIZE) {
                throw new NoBuildInfoException("its Go build information is cut short");
            }
            int flags = header.get(15) & 0xff;
            if ((flags & FLAG_VERSION_INLINE) == 0) {
                throw new NoBuildInfoException("it was built by a Go release before 1.18, whose build information"
                        + " the plugin does not read");
            }
            long[] cursor = {start + HEADER_SIZE};
            String version = new String(inlineBytes(file, cursor), StandardCharsets.UTF_8);
            byte[] modinfo = inlineBytes(file, cursor);
            if (version.isEmpty()) {
                throw new NoBuildInfoException("its Go build information names no Go version");
            }
            return new Strings(version, modinfo);
        }
    }

    /**
     * Where to look: {@code [offset, size]} of the {@code .go.buildinfo} section, else of the first
     * writable, non-executable loaded segment; null when neither exists.
     */
    private static long[] buildInfoRegion(FileChannel file, boolean wide, ByteOrder order) throws IOException {
        ByteBuffer header = readAt(file, 0, wide ? 64 : 52).order(order);
        if (header.remaining() < (wide ? 64 : 52)) {
            return null;
        }
        long phoff = wide ? header.getLong(0x20) : Integer.toUnsignedLong(header.getInt(0x1C));
        long shoff = wide ? header.getLong(0x28) : Integer.toUnsignedLong(header.getInt(0x20));
        int phentsize = Short.toUnsignedInt(header.getShort(wide ? 0x36 : 0x2A));
        int phnum = Short.toUnsignedInt(header.getShort(wide ? 0x38 : 0x2C));
        int shentsize = Short.toUnsignedInt(header.getShort(wide ? 0x3A : 0x2E));
        long shnum = Short.toUnsignedInt(header.getShort(wide ? 0x3C : 0x30));
        long shstrndx = Short.toUnsignedInt(header.getShort(wide ? 0x3E : 0x32));
        if (shoff != 0 && shentsize >= (wide ? 64 : 40)) {
            // More sections than fit the header's fields: the real numbers are in section 0.
            if (shnum == 0 || shstrndx == 0xffff) {
                Section zero = section(file, shoff, shentsize, 0, wide, order);
                shnum = shnum == 0 ? zero.size : shnum;
                shstrndx = shstrndx == 0xffff ? zero.link : shstrndx;
            }
            if (shnum > 0 && shnum < 1 << 20 && shstrndx < shnum) {
                Section names = section(file, shoff, shentsize, shstrndx, wide, order);
                for (long i = 0; i < shnum; i++) {
                    Section section = section(file, shoff, shentsize, i, wide, order);
                    if (section.type != SHT_NOBITS && ".go.buildinfo".equals(name(file, names, section.nameOffset))) {
                        return new long[] {section.offset, section.size};
                    }
                }
            }
        }
        if (phoff != 0 && phentsize >= (wide ? 56 : 32) && phnum < 1 << 16) {
            for (int i = 0; i < phnum; i++) {
                ByteBuffer entry = readAt(file, phoff + (long) i * phentsize, wide ? 56 : 32)
                        .order(order);
                if (entry.remaining() < (wide ? 56 : 32)) {
                    break;
                }
                int type = entry.getInt(0);
                int flags = wide ? entry.getInt(4) : entry.getInt(24);
                long offset = wide ? entry.getLong(8) : Integer.toUnsignedLong(entry.getInt(4));
                long size = wide ? entry.getLong(32) : Integer.toUnsignedLong(entry.getInt(16));
                if (type == PT_LOAD && (flags & (PF_X | PF_W)) == PF_W) {
                    return new long[] {offset, size};
                }
            }
        }
        return null;
    }

    private record Section(long nameOffset, int type, long offset, long size, long link) {}

    private static Section section(
            FileChannel file, long shoff, int shentsize, long index, boolean wide, ByteOrder order) throws IOException {
        ByteBuffer entry =
                readAt(file, shoff + index * shentsize, wide ? 64 : 40).order(order);
        if (entry.remaining() < (wide ? 64 : 40)) {
            return new Section(0, 0, 0, 0, 0);
        }
        return wide
                ? new Section(
                        Integer.toUnsignedLong(entry.getInt(0)),
                        entry.getInt(4),
                        entry.getLong(24),
                        entry.getLong(32),
                        Integer.toUnsignedLong(entry.getInt(40)))
                : new Section(
                        Integer.toUnsignedLong(entry.getInt(0)),
                        entry.getInt(4),
                        Integer.toUnsignedLong(entry.getInt(16)),
                        Integer.toUnsignedLong(entry.getInt(20)),
                        Integer.toUnsignedLong(entry.getInt(24)));
    }

    private static String name(FileChannel file, Section names, long offset) throws IOException {
        if (offset >= names.size) {
            return "";
        }
        ByteBuffer bytes = readAt(file, names.offset + offset, (int) Math.min(64, names.size - offset));
        StringBuilder name = new StringBuilder();
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            if (b == 0) {
                break;
            }
            name.append((char) (b & 0xff));
        }
        return name.toString();
    }

    private static long findMagic(FileChannel file, long offset, long length) throws IOException {
        ByteBuffer data = readAt(file, offset, (int) Math.max(0, length));
        for (int at = 0; at + HEADER_SIZE <= data.limit(); at += 16) {
            boolean match = true;
            for (int i = 0; i < MAGIC.length && match; i++) {
                match = data.get(at + i) == MAGIC[i];
            }
            if (match) {
                return offset + at;
            }
        }
        return -1;
    }

    /** A varint length, then that many bytes; moves {@code cursor} past them. */
    private static byte[] inlineBytes(FileChannel file, long[] cursor) throws IOException, NoBuildInfoException {
        ByteBuffer varint = readAt(file, cursor[0], 10);
        long length = 0;
        int shift = 0;
        int read = 0;
        while (true) {
            if (!varint.hasRemaining() || shift > 63) {
                throw new NoBuildInfoException("its Go build information is damaged");
            }
            int b = varint.get() & 0xff;
            read++;
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
        }
        if (length < 0 || length > MAX_STRING) {
            throw new NoBuildInfoException("its Go build information is damaged");
        }
        ByteBuffer text = readAt(file, cursor[0] + read, (int) length);
        if (text.remaining() < length) {
            throw new NoBuildInfoException("its Go build information is cut short");
        }
        cursor[0] += read + length;
        byte[] bytes = new byte[(int) length];
        text.get(bytes);
        return bytes;
    }

    /** Up to {@code length} bytes at {@code position}; fewer at the end of the file. */
    private static ByteBuffer readAt(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(0, length));
        if (position < 0) {
            return buffer.flip();
        }
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, position + buffer.position());
            if (n < 0) {
                break;
            }
        }
        return buffer.flip();
    }
}
