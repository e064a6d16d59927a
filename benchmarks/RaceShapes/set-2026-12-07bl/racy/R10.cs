using System.Globalization;
using System.Text;

namespace Blind64.Cricket.Scorecards
{
    public sealed record BattingLine(string Batter, string Dismissal, int Runs, int Balls, int Fours, int Sixes);

    /// <summary>
    /// Formats batting lines for the live scorecard feed. Used directly from the feed's
    /// request handlers.
    /// </summary>
    public static class ScorecardFormatter
    {
        private static readonly StringBuilder Scratch = new(256);

        public static string FormatLine(BattingLine line)
        {
            Scratch.Clear();
            Scratch.Append(line.Batter.PadRight(22));
            Scratch.Append(line.Dismissal.PadRight(28));
            Scratch.Append(line.Runs.ToString(CultureInfo.InvariantCulture).PadLeft(4));
            Scratch.Append(line.Balls.ToString(CultureInfo.InvariantCulture).PadLeft(5));
            Scratch.Append(line.Fours.ToString(CultureInfo.InvariantCulture).PadLeft(4));
            Scratch.Append(line.Sixes.ToString(CultureInfo.InvariantCulture).PadLeft(4));
            if (line.Balls > 0)
            {
                var strikeRate = 100.0 * line.Runs / line.Balls;
                Scratch.Append(strikeRate.ToString("F1", CultureInfo.InvariantCulture).PadLeft(8));
            }

            return Scratch.ToString();
        }

        public static string FormatInnings(IEnumerable<BattingLine> lines, int extras, int wickets, double overs)
        {
            var body = string.Join(Environment.NewLine, lines.Select(FormatLine));
            var total = lines.Sum(l => l.Runs) + extras;
            return body + Environment.NewLine +
                   $"Extras {extras}  Total {total}/{wickets} ({overs.ToString("0.0", CultureInfo.InvariantCulture)} ov)";
        }
    }

    /// <summary>Serves the scorecard text for a match; called from many viewer requests.</summary>
    public sealed class ScorecardEndpoint
    {
        private readonly Func<string, IReadOnlyList<BattingLine>> _loadInnings;

        public ScorecardEndpoint(Func<string, IReadOnlyList<BattingLine>> loadInnings)
        {
            _loadInnings = loadInnings;
        }

        public Task<string> GetAsync(string matchId)
        {
            return Task.Run(() =>
            {
                var lines = _loadInnings(matchId);
                return ScorecardFormatter.FormatInnings(lines, extras: 12, wickets: lines.Count(l => l.Dismissal != "not out"), overs: 50);
            });
        }
    }
}
