using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.IceRink.Resurfacing;

public sealed record FinishedRun(int Number, string Rink, string Machine, TimeSpan Duration, double WaterLitres);

/// <summary>
/// A resurfacing run of one of the ice resurfacers. Run numbers are unique across all
/// rinks served by this process, and the list of runs in progress is process-wide.
/// </summary>
public sealed class ResurfacingRun
{
    private static int s_lastRunNumber;
    private static readonly ConcurrentDictionary<int, ResurfacingRun> s_inProgress = new();

    private ResurfacingRun(string rink, string machine)
    {
        Number = Interlocked.Increment(ref s_lastRunNumber);
        Rink = rink;
        Machine = machine;
        StartedAtUtc = DateTime.UtcNow;
    }

    public int Number { get; }
    public string Rink { get; }
    public string Machine { get; }
    public DateTime StartedAtUtc { get; }

    public static ResurfacingRun Begin(string rink, string machine)
    {
        var run = new ResurfacingRun(rink, machine);
        s_inProgress[run.Number] = run;
        return run;
    }

    public FinishedRun Finish(double waterLitres)
    {
        s_inProgress.TryRemove(Number, out _);
        return new FinishedRun(Number, Rink, Machine, DateTime.UtcNow - StartedAtUtc, waterLitres);
    }

    public static IReadOnlyList<ResurfacingRun> InProgress =>
        s_inProgress.Values.OrderBy(r => r.Number).ToList();
}

/// <summary>Runs the between-sessions resurfacing on every rink in the complex at once.</summary>
public static class IntermissionCrew
{
    public static FinishedRun[] ResurfaceAll(IReadOnlyList<(string Rink, string Machine)> assignments, Func<string, double> drive)
    {
        var finished = new FinishedRun[assignments.Count];
        Parallel.For(0, assignments.Count, i =>
        {
            var (rink, machine) = assignments[i];
            var run = ResurfacingRun.Begin(rink, machine);
            var litres = drive(rink);
            finished[i] = run.Finish(litres);
        });
        return finished;
    }
}
