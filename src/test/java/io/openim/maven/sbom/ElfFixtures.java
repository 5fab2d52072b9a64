package io.openim.maven.sbom;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Small ELF files laid out the way the Go linker lays out its build information, for tests that
 * need no Go toolchain: a {@code .go.buildinfo} section (or only a writable segment) holding the
 * 32-byte header and the inline version and module strings between the toolchain's sentinels.
 */
public final class ElfFixtures {

    /** The 16-byte markers the go command puts around the module information. */
    static final byte[] START =
            bytes(0x30, 0x77, 0xaf, 0x0c, 0x92, 0x74, 0x08, 0x02, 0x41, 0xe1, 0xc1, 0x07, 0xe6, 0xd6, 0x18, 0xe6);

    static final byte[] END =
            bytes(0xf9, 0x32, 0x43, 0x31, 0x86, 0x18, 0x20, 0x72, 0x00, 0x82, 0x42, 0x10, 0x41, 0x16, 0xd8, 0xf2);

    private ElfFixtures() {}

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** The section's content: header with {@code flags}, then the version and the wrapped module text. */
    public static byte[] buildInfo(String version, String modinfo, int flags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ElfBuildInfo.MAGIC);
        out.write(8);
        out.write(flags);
        out.writeBytes(new byte[16]);
        byte[] v = version.getBytes(StandardCharsets.UTF_8);
        varint(out, v.length);
        out.writeBytes(v);
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        if (modinfo != null) {
            wrapped.writeBytes(START);
            wrapped.writeBytes(modinfo.getBytes(StandardCharsets.UTF_8));
            wrapped.writeBytes(END);
        }
        varint(out, wrapped.size());
        out.writeBytes(wrapped.toByteArray());
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /**
     * An ELF file with {@code data} at a 16-byte aligned offset: in a {@code .go.buildinfo} section
     * when {@code sections}, else only in a writable PT_LOAD segment (as after stripping section names).
     */
    public static byte[] elf(byte[] data, boolean wide, ByteOrder order, boolean sections) {
        int headerSize = wide ? 64 : 52;
        int phentsize = wide ? 56 : 32;
        int shentsize = wide ? 64 : 40;
        byte[] names = "\0.shstrtab\0.text\0.go.buildinfo\0".getBytes(StandardCharsets.ISO_8859_1);
        int phoff = headerSize;
        int namesOffset = 256;
        int dataOffset = 512;
        int shoff = align(dataOffset + data.length + 40, 16);
        ByteBuffer file = ByteBuffer.allocate(shoff + 4 * shentsize).order(order);
        file.put(new byte[] {
            0x7f, 'E', 'L', 'F', (byte) (wide ? 2 : 1), (byte) (order == ByteOrder.BIG_ENDIAN ? 2 : 1), 1
        });
        if (wide) {
            file.putLong(0x20, phoff);
            file.putLong(0x28, sections ? shoff : 0);
            file.putShort(0x36, (short) phentsize);
            file.putShort(0x38, (short) 2);
            file.putShort(0x3A, (short) shentsize);
            file.putShort(0x3C, (short) (sections ? 4 : 0));
            file.putShort(0x3E, (short) (sections ? 1 : 0));
        } else {
            file.putInt(0x1C, phoff);
            file.putInt(0x20, sections ? shoff : 0);
            file.putShort(0x2A, (short) phentsize);
            file.putShort(0x2C, (short) 2);
            file.putShort(0x2E, (short) shentsize);
            file.putShort(0x30, (short) (sections ? 4 : 0));
            file.putShort(0x32, (short) (sections ? 1 : 0));
        }
        // Segments: code (read + execute), then data (read + write), which holds the build info.
        segment(file, phoff, wide, 5, 0, 256);
        segment(file, phoff + phentsize, wide, 6, dataOffset, data.length + 40);
        file.put(namesOffset, names);
        file.put(dataOffset, data);
        if (sections) {
            section(file, shoff + shentsize, wide, 1, 3, namesOffset, names.length);
            section(file, shoff + 2 * shentsize, wide, 11, 1, 0, 256);
            section(file, shoff + 3 * shentsize, wide, 17, 1, dataOffset, data.length + 40);
        }
        return file.array();
    }

    private static int align(int value, int to) {
        return (value + to - 1) / to * to;
    }

    private static void segment(ByteBuffer file, int at, boolean wide, int flags, long offset, long size) {
        file.putInt(at, 1);
        if (wide) {
            file.putInt(at + 4, flags);
            file.putLong(at + 8, offset);
            file.putLong(at + 32, size);
        } else {
            file.putInt(at + 4, (int) offset);
            file.putInt(at + 16, (int) size);
            file.putInt(at + 24, flags);
        }
    }

    private static void section(ByteBuffer file, int at, boolean wide, int name, int type, long offset, long size) {
        file.putInt(at, name);
        file.putInt(at + 4, type);
        if (wide) {
            file.putLong(at + 24, offset);
            file.putLong(at + 32, size);
        } else {
            file.putInt(at + 16, (int) offset);
            file.putInt(at + 20, (int) size);
        }
    }
}
