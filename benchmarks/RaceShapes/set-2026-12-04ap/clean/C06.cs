using System.Globalization;

namespace Blind42.TypeFoundry.Metrics;

/// <summary>
/// Glyph advance widths for a foundry type face, loaded from the matrix card file on first use.
/// One instance per face is shared by all composing jobs.
/// </summary>
public sealed class GlyphWidthTable
{
    private readonly string _matrixCardPath;
    private Dictionary<char, short>? _widths;
    private bool _initialized;
    private object? _initLock;

    public GlyphWidthTable(string matrixCardPath) => _matrixCardPath = matrixCardPath;

    public short GetAdvance(char glyph)
    {
        var widths = LazyInitializer.EnsureInitialized(ref _widths, ref _initialized, ref _initLock, Load)!;
        return widths.TryGetValue(glyph, out var width) ? width : (short)500;
    }

    private Dictionary<char, short> Load()
    {
        var widths = new Dictionary<char, short>();
        foreach (var line in File.ReadLines(_matrixCardPath))
        {
            if (line.Length < 3 || line[0] == '#')
            {
                continue;
            }
            widths[line[0]] = short.Parse(line.AsSpan(2), NumberStyles.Integer, CultureInfo.InvariantCulture);
        }
        return widths;
    }
}

/// <summary>Registry of the faces in the foundry's specimen book.</summary>
public static class FaceRegistry
{
    private static readonly Lazy<IReadOnlyDictionary<string, GlyphWidthTable>> s_faces = new(
        () => Directory.EnumerateFiles(Environment.GetEnvironmentVariable("FOUNDRY_MATRICES") ?? ".", "*.card")
            .ToDictionary(
                path => Path.GetFileNameWithoutExtension(path),
                path => new GlyphWidthTable(path),
                StringComparer.OrdinalIgnoreCase),
        LazyThreadSafetyMode.ExecutionAndPublication);

    public static GlyphWidthTable? Find(string faceName) =>
        s_faces.Value.TryGetValue(faceName, out var table) ? table : null;

    public static IEnumerable<string> FaceNames => s_faces.Value.Keys;
}

/// <summary>Measures a galley of lines in parallel.</summary>
public static class GalleyMeasurer
{
    public static int[] Measure(GlyphWidthTable table, IReadOnlyList<string> lines)
    {
        return lines
            .AsParallel()
            .AsOrdered()
            .Select(line => line.Sum(c => (int)table.GetAdvance(c)))
            .ToArray();
    }

    public static int LongestLine(GlyphWidthTable table, IReadOnlyList<string> lines)
    {
        var widths = Measure(table, lines);
        return widths.Length == 0 ? 0 : widths.Max();
    }
}
