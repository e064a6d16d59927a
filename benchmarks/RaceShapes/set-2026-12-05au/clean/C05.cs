using System.Collections.Generic;

namespace Blind47.Glaciers.Velocity;

public readonly record struct FeatureMatch(int Tile, double DxMetres, double DyMetres, double Correlation);

/// <summary>
/// Summarises ice surface velocity from feature-tracking matches between two
/// satellite scenes. One summariser per scene pair.
/// </summary>
public sealed class VelocitySummariser
{
    private readonly object _totalsLock = new();
    private double _sumSpeed;
    private double _maxSpeed;
    private long _accepted;
    private long _rejected;

    public double MinCorrelation { get; init; } = 0.6;

    public (double MeanMetresPerDay, double MaxMetresPerDay, long Accepted, long Rejected) Summarise(
        IReadOnlyList<FeatureMatch> matches, double daysBetweenScenes)
    {
        Parallel.ForEach(
            matches,
            () => new Partial(),
            (match, _, local) =>
            {
                if (match.Correlation < MinCorrelation)
                {
                    local.Rejected++;
                    return local;
                }

                var speed = Math.Sqrt(match.DxMetres * match.DxMetres + match.DyMetres * match.DyMetres) / daysBetweenScenes;
                local.Sum += speed;
                local.Max = Math.Max(local.Max, speed);
                local.Accepted++;
                return local;
            },
            local =>
            {
                lock (_totalsLock)
                {
                    _sumSpeed += local.Sum;
                    _maxSpeed = Math.Max(_maxSpeed, local.Max);
                }

                Interlocked.Add(ref _accepted, local.Accepted);
                Interlocked.Add(ref _rejected, local.Rejected);
            });

        lock (_totalsLock)
        {
            var accepted = Interlocked.Read(ref _accepted);
            var mean = accepted == 0 ? 0 : _sumSpeed / accepted;
            return (mean, _maxSpeed, accepted, Interlocked.Read(ref _rejected));
        }
    }

    private sealed class Partial
    {
        public double Sum;
        public double Max;
        public long Accepted;
        public long Rejected;
    }
}

public static class VelocityReport
{
    public static string Describe(string glacier, IReadOnlyList<FeatureMatch> matches, double days)
    {
        var summary = new VelocitySummariser { MinCorrelation = 0.7 }.Summarise(matches, days);
        return $"{glacier}: mean {summary.MeanMetresPerDay:F2} m/d, max {summary.MaxMetresPerDay:F2} m/d " +
               $"({summary.Accepted} matches, {summary.Rejected} rejected)";
    }
}
