package dev.rehearse.scenario;

import dev.rehearse.InvalidInputException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The text of a file the user gave (a scenario, a profile, a migration), or the line and column where it is not. */
public final class TextFile {

    private TextFile() {}

    /**
     * {@code bytes} as UTF-8 text (a byte-order mark kept). A byte that is not UTF-8, or a NUL, is invalid input at
     * its line and column ({@code nulNote} says why a NUL is wrong in this kind of file), where a decoder or parser
     * would name the first line or the offset of a buffer.
     */
    public static String decode(Path file, byte[] bytes, String nulNote) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            int at = in.position();
            throw InvalidInputException.at(file, lineOf(bytes, at), String.format(java.util.Locale.ROOT,
                    "byte 0x%02X at column %d is not UTF-8; save the file as UTF-8", bytes[at] & 0xFF, columnOf(bytes, at)));
        }
        out.flip();
        String text = out.toString();
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = 1, column = 1;
            for (int i = 0; i < nul; i++) {
                if (text.charAt(i) == '\n') { line++; column = 1; } else column++;
            }
            throw InvalidInputException.at(file, line, "NUL byte (0x00) at column " + column + "; " + nulNote);
        }
        return text;
    }

    private static int lineOf(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
        return line;
    }

    private static int columnOf(byte[] bytes, int offset) {
        int start = offset;
        while (start > 0 && bytes[start - 1] != '\n') start--;
        // characters, not bytes, before it on its line: continuation bytes do not start one
        int column = 1;
        for (int i = start; i < offset; i++) if ((bytes[i] & 0xC0) != 0x80) column++;
        return column;
    }

}
