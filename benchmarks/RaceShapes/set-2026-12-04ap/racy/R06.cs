using System.Globalization;

namespace Blind42.TypeFoundry.Kerning;

/// <summary>
/// Loads kerning pairs for a metal type face from the foundry's pair list on first use.
/// One provider per face is shared by every composing-room job that sets text in that face.
/// </summary>
public sealed class KerningTableProvider
{
    private readonly string _pairListPath;
    private readonly object _loadLock = new();
    private Dictionary<(char Left, char Right), short>? _pairs;

    public KerningTableProvider(string pairListPath) => _pairListPath = pairListPath;

    public short GetKerning(char left, char right)
    {
        var pairs = _pairs ?? Load();
        return pairs.TryGetValue((left, right), out var adjustment) ? adjustment : (short)0;
    }

    private Dictionary<(char Left, char Right), short> Load()
    {
        lock (_loadLock)
        {
            if (_pairs is null)
            {
                _pairs = new Dictionary<(char, char), short>();
                foreach (var line in File.ReadLines(_pairListPath))
                {
                    if (line.Length < 4 || line[0] == '#')
                    {
                        continue;
                    }

                    var value = short.Parse(line.AsSpan(3), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                    _pairs[(line[0], line[1])] = value;
                }
            }

            return _pairs;
        }
    }
}

/// <summary>Measures the set width of a line of type, in units of the em.</summary>
public sealed class LineComposer
{
    private readonly KerningTableProvider _kerning;
    private readonly IReadOnlyDictionary<char, short> _advanceWidths;

    public LineComposer(KerningTableProvider kerning, IReadOnlyDictionary<char, short> advanceWidths)
    {
        _kerning = kerning;
        _advanceWidths = advanceWidths;
    }

    public int MeasureLine(string text)
    {
        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += _advanceWidths.TryGetValue(text[i], out var advance) ? advance : 500;
            if (i + 1 < text.Length)
            {
                width += _kerning.GetKerning(text[i], text[i + 1]);
            }
        }
        return width;
    }

    public static Task<int[]> MeasureGalleyAsync(LineComposer composer, IEnumerable<string> lines) =>
        Task.WhenAll(lines.Select(line => Task.Run(() => composer.MeasureLine(line))));
}
