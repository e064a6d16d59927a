using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Forklift.Protocol;

/// <summary>
/// The string encoding of payloads: UTF-8, except that a lone surrogate (half of a pair, as <c>Substring</c> can leave,
/// or as some Windows file names hold) is written as its own three-byte sequence (<c>ED A0 80</c> to <c>ED BF BF</c>),
/// like WTF-8. Every .NET string therefore round-trips exactly, and well-formed text is plain UTF-8.
/// </summary>
/// <remarks>
/// A lone surrogate takes three bytes, as many as the U+FFFD that <see cref="Encoding.UTF8"/> counts in its place, so
/// <c>Encoding.UTF8.GetByteCount</c> gives the encoded length. Decoding stays strict: any other invalid sequence, or an
/// encoded high surrogate followed by an encoded low one (a pair, which the writer encodes as four bytes), is rejected.
/// </remarks>
internal static class Wtf8
{
    /// <summary>The encoded length of <paramref name="value"/>.</summary>
    public static int GetByteCount(string value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/>, which holds exactly <see cref="GetByteCount"/> bytes.</summary>
    public static void Encode(ReadOnlySpan<char> source, Span<byte> destination)
    {
        while (true)
        {
            OperationStatus status = Utf8.FromUtf16(source, destination, out int read, out int written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return;
            }

            if (status != OperationStatus.InvalidData)
            {
                throw new InvalidOperationException($"String encoding stopped with {status}: the byte count was wrong.");
            }

            // source[read] is a lone surrogate: write its code point as a three-byte sequence.
            char surrogate = source[read];
            destination = destination[written..];
            destination[0] = (byte)(0xE0 | (surrogate >> 12));
            destination[1] = (byte)(0x80 | ((surrogate >> 6) & 0x3F));
            destination[2] = (byte)(0x80 | (surrogate & 0x3F));
            destination = destination[3..];
            source = source[(read + 1)..];
        }
    }

    /// <summary>Decodes bytes written by <see cref="Encode"/>; anything else throws <see cref="InvalidDataException"/>.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        // UTF-8 never has more chars than bytes. One transcoding pass into a scratch buffer and one copy into the string:
        // as fast as the framework's strict decoder (which counts, then transcodes) on ordinary text.
        const int StackLimit = 256;
        if (bytes.Length <= StackLimit)
        {
            return Decode(bytes, stackalloc char[StackLimit]);
        }

        char[] rented = ArrayPool<char>.Shared.Rent(bytes.Length);
        try
        {
            return Decode(bytes, rented);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static string Decode(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        int total = 0;
        while (true)
        {
            OperationStatus status = Utf8.ToUtf16(bytes, chars[total..], out int read, out int written, replaceInvalidSequences: false);
            total += written;
            if (status == OperationStatus.Done)
            {
                return new string(chars[..total]);
            }

            // Not UTF-8: only a lone surrogate's three bytes (ED A0..BF 80..BF) may follow.
            bytes = bytes[read..];
            if (status != OperationStatus.InvalidData
                || bytes.Length < 3
                || bytes[0] != 0xED
                || (bytes[1] & 0xE0) != 0xA0
                || (bytes[2] & 0xC0) != 0x80)
            {
                throw new InvalidDataException("Invalid UTF-8 string in payload.");
            }

            char surrogate = (char)(0xD000 | ((bytes[1] & 0x3F) << 6) | (bytes[2] & 0x3F));
            if (char.IsLowSurrogate(surrogate) && total > 0 && char.IsHighSurrogate(chars[total - 1]))
            {
                throw new InvalidDataException("Invalid UTF-8 string in payload: a surrogate pair encoded as two lone surrogates.");
            }

            chars[total++] = surrogate;
            bytes = bytes[3..];
        }
    }
}
