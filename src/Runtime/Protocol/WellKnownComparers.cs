using System.Globalization;

namespace Forklift.Protocol;

/// <summary>
/// The equality comparers a dictionary or set can take across a process boundary, and their encoding: one tag byte,
/// plus the culture name and compare options of a culture-aware string comparer.
/// </summary>
/// <remarks>
/// A comparer is a runtime value (any object implementing <see cref="IEqualityComparer{T}"/>), so the generator cannot
/// refuse an unsupported one at compile time: <see cref="Write{T}"/> refuses it when the collection is encoded, before
/// anything is sent. Only comparers that can be rebuilt exactly in another process are carried; a culture-aware
/// comparer travels as its culture's name, so the worker compares like the caller whatever the worker's own culture.
/// </remarks>
internal static class WellKnownComparers
{
    private const byte Default = 0;
    private const byte Ordinal = 1;
    private const byte OrdinalIgnoreCase = 2;
    private const byte Culture = 3;
    private const byte ReferenceEquality = 4;

    public static void Write<T>(ref PayloadWriter writer, IEqualityComparer<T>? comparer)
    {
        if (comparer is null || comparer.Equals(EqualityComparer<T>.Default))
        {
            writer.WriteByte(Default);
        }
        else if (comparer is ReferenceEqualityComparer)
        {
            writer.WriteByte(ReferenceEquality);
        }
        else if (comparer is IEqualityComparer<string?> strings && StringComparer.IsWellKnownOrdinalComparer(strings, out bool ignoreCase))
        {
            writer.WriteByte(ignoreCase ? OrdinalIgnoreCase : Ordinal);
        }
        else if (comparer is IEqualityComparer<string?> cultural
            && StringComparer.IsWellKnownCultureAwareComparer(cultural, out CompareInfo? compareInfo, out CompareOptions options))
        {
            writer.WriteByte(Culture);
            writer.WriteString(compareInfo.Name);
            writer.WriteInt32((int)options);
        }
        else
        {
            throw new NotSupportedException(
                $"A dictionary or set whose comparer is a {comparer.GetType()} cannot cross a process boundary: only "
                + "EqualityComparer<T>.Default, StringComparer.Ordinal, StringComparer.OrdinalIgnoreCase, culture-aware "
                + "StringComparers (InvariantCulture, CurrentCulture, StringComparer.Create…, with or without IgnoreCase) "
                + "and ReferenceEqualityComparer.Instance are carried. Copy the entries into a collection with one of these.");
        }
    }

    public static IEqualityComparer<T>? Read<T>(ref PayloadReader reader)
    {
        byte tag = reader.ReadByte();
        object? comparer = tag switch
        {
            Default => null,
            Ordinal => StringComparer.Ordinal,
            OrdinalIgnoreCase => StringComparer.OrdinalIgnoreCase,
            Culture => CultureComparer(ref reader),
            ReferenceEquality => ReferenceEqualityComparer.Instance,
            _ => throw new InvalidDataException($"Unknown comparer tag {tag} in payload."),
        };

        if (comparer is null)
        {
            return null;
        }

        return comparer as IEqualityComparer<T>
            ?? throw new InvalidDataException($"A {comparer.GetType()} cannot compare {typeof(T)} values.");
    }

    private static StringComparer CultureComparer(ref PayloadReader reader)
    {
        string name = reader.ReadString() ?? throw new InvalidDataException("Missing culture name in payload.");
        var options = (CompareOptions)reader.ReadInt32();
        try
        {
            return StringComparer.Create(CultureInfo.GetCultureInfo(name), options);
        }
        catch (Exception e) when (e is CultureNotFoundException or ArgumentException)
        {
            throw new InvalidDataException($"The string comparer of culture '{name}' ({options}) cannot be created in this process: {e.Message}", e);
        }
    }
}
