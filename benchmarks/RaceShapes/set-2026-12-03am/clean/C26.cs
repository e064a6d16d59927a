using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.MapleSyrup.Tubing;

public readonly record struct TapLineProgress(string Line, int TapsChecked, int TapsTotal, int Leaks);

/// <summary>
/// Walks every tubing line in the sugarbush with the vacuum tester, several lines at
/// a time, reporting progress per line as it goes.
/// </summary>
public static class VacuumSurvey
{
    public static async Task<int> RunAsync(
        IReadOnlyList<string> lines,
        int tapsPerLine,
        Func<string, int, CancellationToken, Task<bool>> tapHoldsVacuum,
        IProgress<TapLineProgress> progress,
        CancellationToken ct)
    {
        int totalLeaks = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct };

        await Parallel.ForEachAsync(lines, options, async (line, token) =>
        {
            int leaks = 0;
            for (int tap = 1; tap <= tapsPerLine; tap++)
            {
                if (!await tapHoldsVacuum(line, tap, token))
                    leaks++;
                if (tap % 10 == 0 || tap == tapsPerLine)
                    progress.Report(new TapLineProgress(line, tap, tapsPerLine, leaks));
            }
            Interlocked.Add(ref totalLeaks, leaks);
        });

        return totalLeaks;
    }
}

/// <summary>
/// Progress board on the sugar-maker's console. Reports arrive from the survey's worker
/// threads (or from the thread pool via <see cref="Progress{T}"/> when no UI context exists).
/// </summary>
public sealed class SurveyProgressBoard : IProgress<TapLineProgress>
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TapLineProgress> _latest = new(StringComparer.Ordinal);

    public void Report(TapLineProgress value)
    {
        lock (_gate)
        {
            if (!_latest.TryGetValue(value.Line, out var previous) || value.TapsChecked > previous.TapsChecked)
                _latest[value.Line] = value;
        }
    }

    public IProgress<TapLineProgress> ViaProgress() => new Progress<TapLineProgress>(Report);

    public int LeaksSoFar
    {
        get
        {
            lock (_gate)
            {
                return _latest.Values.Sum(p => p.Leaks);
            }
        }
    }

    public string Render()
    {
        TapLineProgress[] rows;
        lock (_gate)
        {
            rows = _latest.Values.ToArray();
        }

        var sb = new StringBuilder();
        foreach (var row in rows.OrderBy(r => r.Line, StringComparer.Ordinal))
            sb.AppendLine($"{row.Line,-8} {row.TapsChecked,4}/{row.TapsTotal,-4} leaks {row.Leaks}");
        return sb.ToString();
    }
}
