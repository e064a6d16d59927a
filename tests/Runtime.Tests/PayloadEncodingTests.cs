using System.Buffers;
using Forklift.Protocol;

namespace Forklift.Runtime.Tests;

/// <summary>What PayloadWriter writes, PayloadReader reads back exactly; anything else is refused as invalid data.</summary>
public sealed class PayloadEncodingTests
{
    // Not theory data: xunit serializes theory arguments, which turns lone surrogates into U+FFFD before the test runs.
    private static readonly string[] Strings =
    {
        string.Empty,
        "plain ascii",
        "héllo wörld ✓ 🚚",
        "\uD83D",                      // a high surrogate alone: half an emoji left by Substring
        "\uDE9A",                      // a low surrogate alone
        "a\uD83Db",
        "\uDE9A\uD83D",                // low then high: two lone surrogates, not a pair
        "🚚\uD83D🚚\uDE9A",
        "ends with \uD800",
        "\uFFFD",                      // the replacement character itself is ordinary text
    };

    [Fact]
    public void StringsRoundTripExactly()
    {
        foreach (string value in Strings)
        {
            string? decoded = ReadString(WriteString(value));

            Assert.True(value.AsSpan().SequenceEqual(decoded), $"'{Escape(value)}' came back as '{Escape(decoded!)}'");
        }
    }

    [Fact]
    public void WellFormedTextIsPlainUtf8()
    {
        byte[] encoded = WriteString("héllo 🚚");

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("héllo 🚚"), encoded[1..]);
    }

    [Fact]
    public void DistinctStringsWithLoneSurrogatesStayDistinct()
    {
        string[] values = { "x\uD83D", "x\uD83C", "x\uFFFD" };

        var decoded = new HashSet<string>(values.Select(v => ReadString(WriteString(v))!), StringComparer.Ordinal);

        Assert.Equal(3, decoded.Count);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xC3 })]                               // a lead byte with no continuation
    [InlineData(new byte[] { 0xED, 0xA0 })]                         // a surrogate cut short
    [InlineData(new byte[] { 0xED, 0xA0, 0xBD, 0xED, 0xBA, 0x9A })] // a pair written as two lone surrogates
    [InlineData(new byte[] { 0xF0, 0x9F, 0x9A })]
    public void CorruptStringsAreInvalidData(byte[] bytes)
    {
        byte[] payload = new byte[bytes.Length + 1];
        payload[0] = (byte)(bytes.Length + 1);
        bytes.CopyTo(payload, 1);

        Assert.Throws<InvalidDataException>(() => ReadString(payload));
    }

    public static TheoryData<string> CarriedComparers => new()
    {
        "default", "ordinal", "ordinal-ignore-case", "invariant", "invariant-ignore-case", "tr-TR-ignore-case", "reference",
    };

    [Theory]
    [MemberData(nameof(CarriedComparers))]
    public void WellKnownComparersAreCarried(string name)
    {
        IEqualityComparer<string> comparer = name switch
        {
            "default" => EqualityComparer<string>.Default,
            "ordinal" => StringComparer.Ordinal,
            "ordinal-ignore-case" => StringComparer.OrdinalIgnoreCase,
            "invariant" => StringComparer.InvariantCulture,
            "invariant-ignore-case" => StringComparer.InvariantCultureIgnoreCase,
            "tr-TR-ignore-case" => StringComparer.Create(new System.Globalization.CultureInfo("tr-TR"), ignoreCase: true),
            _ => ReferenceEqualityComparer.Instance,
        };

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        writer.WriteComparer(comparer);
        var reader = new PayloadReader(buffer.WrittenSpan);
        IEqualityComparer<string>? decoded = reader.ReadComparer<string>();

        Assert.Equal(0, reader.Remaining);
        if (name == "default")
        {
            Assert.Null(decoded);
        }
        else
        {
            Assert.Equal(comparer, decoded);
        }
    }

    [Fact]
    public void OtherComparersAreRefusedWhenEncoded()
    {
        var buffer = new ArrayBufferWriter<byte>();

        NotSupportedException error = Assert.Throws<NotSupportedException>(() =>
        {
            var writer = new PayloadWriter(buffer);
            writer.WriteComparer(new LengthComparer());
        });

        Assert.Contains(typeof(LengthComparer).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot cross a process boundary", error.Message, StringComparison.Ordinal);
    }

    private sealed class LengthComparer : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) => x?.Length == y?.Length;

        public int GetHashCode(string obj) => obj.Length;
    }

    private static byte[] WriteString(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new PayloadWriter(buffer);
        writer.WriteString(value);
        return buffer.WrittenSpan.ToArray();
    }

    private static string? ReadString(byte[] payload)
    {
        var reader = new PayloadReader(payload);
        string? value = reader.ReadString();
        Assert.Equal(0, reader.Remaining);
        return value;
    }

    private static string Escape(string value) => string.Concat(value.Select(c => c < 128 ? c.ToString() : $"\\u{(int)c:X4}"));
}
