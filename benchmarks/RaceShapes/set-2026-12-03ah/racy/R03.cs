using System.Globalization;

namespace Blind34.Harpsichord.Stringing;

public sealed record StringEntry(string Note, double GaugeMm, string Material, int LengthMm);

/// <summary>
/// Parses lines of a stringing schedule such as "C4 0.305 brass 1270".
/// </summary>
public static class StringingScheduleParser
{
    // Token scratch space kept between calls to avoid allocating per field.
    private static readonly char[] s_token = new char[64];
    private static int s_tokenLength;

    public static StringEntry Parse(string line)
    {
        var pos = 0;
        var note = NextToken(line, ref pos);
        var gauge = double.Parse(NextToken(line, ref pos), CultureInfo.InvariantCulture);
        var material = NextToken(line, ref pos);
        var length = int.Parse(NextToken(line, ref pos), CultureInfo.InvariantCulture);
        return new StringEntry(note, gauge, material, length);
    }

    private static string NextToken(string line, ref int pos)
    {
        while (pos < line.Length && char.IsWhiteSpace(line[pos]))
        {
            pos++;
        }

        s_tokenLength = 0;
        while (pos < line.Length && !char.IsWhiteSpace(line[pos]) && s_tokenLength < s_token.Length)
        {
            s_token[s_tokenLength++] = line[pos++];
        }

        if (s_tokenLength == 0)
        {
            throw new FormatException($"Missing field in '{line}'.");
        }

        return new string(s_token, 0, s_tokenLength);
    }
}

/// <summary>
/// Imports the schedules for every instrument in a workshop order, one
/// instrument per worker.
/// </summary>
public sealed class ScheduleImporter
{
    public IReadOnlyDictionary<string, IReadOnlyList<StringEntry>> Import(
        IReadOnlyDictionary<string, string[]> schedulesByInstrument)
    {
        var result = new System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<StringEntry>>();
        Parallel.ForEach(schedulesByInstrument, pair =>
        {
            var entries = new List<StringEntry>(pair.Value.Length);
            foreach (var line in pair.Value)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                entries.Add(StringingScheduleParser.Parse(line));
            }

            result[pair.Key] = entries;
        });
        return result;
    }
}
