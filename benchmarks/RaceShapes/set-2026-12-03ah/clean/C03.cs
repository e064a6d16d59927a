using System.Globalization;

namespace Blind34.Harpsichord.Jacks;

public sealed record JackSpec(int Key, string Register, double PlectrumMm, string Material);

/// <summary>
/// Parses jack voicing lines such as "23 8ft 4.5 delrin". Each thread keeps
/// its own token buffer so the importer can parse several keyboards at once.
/// </summary>
public static class JackVoicingParser
{
    [ThreadStatic]
    private static char[]? t_token;

    public static JackSpec Parse(string line)
    {
        var buffer = t_token ??= new char[48];
        var pos = 0;
        var key = int.Parse(Next(line, ref pos, buffer), CultureInfo.InvariantCulture);
        var register = Next(line, ref pos, buffer).ToString();
        var plectrum = double.Parse(Next(line, ref pos, buffer), CultureInfo.InvariantCulture);
        var material = Next(line, ref pos, buffer).ToString();
        return new JackSpec(key, register, plectrum, material);
    }

    private static ReadOnlySpan<char> Next(string line, ref int pos, char[] buffer)
    {
        while (pos < line.Length && line[pos] == ' ')
        {
            pos++;
        }

        var length = 0;
        while (pos < line.Length && line[pos] != ' ' && length < buffer.Length)
        {
            buffer[length++] = line[pos++];
        }

        if (length == 0)
        {
            throw new FormatException($"Missing field in '{line}'.");
        }

        return buffer.AsSpan(0, length);
    }
}

/// <summary>Imports voicing sheets for each manual of an instrument.</summary>
public sealed class VoicingImporter
{
    public IReadOnlyList<JackSpec>[] ImportManuals(IReadOnlyList<string[]> manuals)
    {
        var result = new IReadOnlyList<JackSpec>[manuals.Count];
        Parallel.For(0, manuals.Count, i =>
        {
            result[i] = manuals[i]
                .Where(l => !string.IsNullOrWhiteSpace(l))
                .Select(JackVoicingParser.Parse)
                .ToList();
        });
        return result;
    }
}
