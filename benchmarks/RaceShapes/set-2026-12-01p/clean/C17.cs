using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.HorseRacing.FormGuide;

public sealed record RunRecord(DateOnly Date, string Course, int Position, int Runners, string Going, double DistanceFurlongs);

public sealed record Runner(string HorseName, string Trainer, string Jockey, int Age, IReadOnlyList<RunRecord> RecentRuns);

public sealed record FormLine(string HorseName, string FormFigures, string Summary);

/// <summary>
/// Renders the printed form guide lines for a race card. Used by the nightly
/// race-card generator CLI for every race at every meeting.
/// </summary>
public sealed class FormGuideRenderer : IDisposable
{
    private readonly ThreadLocal<StringBuilder> _scratch = new(() => new StringBuilder(256));

    public IReadOnlyList<FormLine> RenderCard(IReadOnlyList<Runner> runners)
    {
        var lines = new ConcurrentBag<FormLine>();

        Parallel.ForEach(runners, runner =>
        {
            var sb = _scratch.Value!;
            sb.Clear();

            foreach (var run in runner.RecentRuns.OrderByDescending(r => r.Date).Take(6).Reverse())
            {
                sb.Append(run.Position switch
                {
                    0 => 'P',
                    > 9 => '0',
                    _ => (char)('0' + run.Position),
                });
            }

            var figures = sb.ToString();
            sb.Clear();

            var wins = runner.RecentRuns.Count(r => r.Position == 1);
            var places = runner.RecentRuns.Count(r => r.Position is 2 or 3);
            var goingPref = runner.RecentRuns
                .Where(r => r.Position is >= 1 and <= 3)
                .GroupBy(r => r.Going)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstOrDefault();

            sb.Append(runner.Age).Append("yo, ");
            sb.Append(wins).Append(" win").Append(wins == 1 ? "" : "s").Append(", ");
            sb.Append(places).Append(" placed");
            if (goingPref is not null)
            {
                sb.Append("; best on ").Append(goingPref);
            }
            sb.Append(". T: ").Append(runner.Trainer).Append(", J: ").Append(runner.Jockey);

            lines.Add(new FormLine(runner.HorseName, figures, sb.ToString()));
        });

        return lines.OrderBy(l => l.HorseName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public void Dispose() => _scratch.Dispose();
}
