namespace Blind27.MarathonTiming.AgeGroups;

public sealed record Finisher(string Bib, string AgeGroup, string Gender, TimeSpan ChipTime);

public sealed record AgeGroupPodium(string AgeGroup, string Gender, IReadOnlyList<Finisher> Top3, TimeSpan Fastest);

/// <summary>
/// Builds age-group podiums and course statistics after the finish line closes.
/// </summary>
public sealed class AgeGroupAwards
{
    public IReadOnlyList<AgeGroupPodium> Podiums(IReadOnlyCollection<Finisher> finishers) =>
        finishers
            .AsParallel()
            .GroupBy(f => (f.AgeGroup, f.Gender))
            .Select(g =>
            {
                var top = g.OrderBy(f => f.ChipTime).Take(3).ToList();
                return new AgeGroupPodium(g.Key.AgeGroup, g.Key.Gender, top, top[0].ChipTime);
            })
            .OrderBy(p => p.AgeGroup)
            .ThenBy(p => p.Gender)
            .ToList();

    public TimeSpan CourseRecordCandidate(IReadOnlyCollection<Finisher> finishers) =>
        finishers.Count == 0
            ? TimeSpan.Zero
            : finishers.AsParallel().Min(f => f.ChipTime);

    public (double MeanSeconds, int Count) MeanFinish(IReadOnlyCollection<Finisher> finishers)
    {
        var (sum, count) = finishers
            .AsParallel()
            .Aggregate(
                seed: (Sum: 0.0, Count: 0),
                updateAccumulatorFunc: (acc, f) => (acc.Sum + f.ChipTime.TotalSeconds, acc.Count + 1),
                combineAccumulatorsFunc: (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
                resultSelector: acc => acc);

        return count == 0 ? (0, 0) : (sum / count, count);
    }

    public IReadOnlyDictionary<string, int> FinishersPerHour(IReadOnlyCollection<Finisher> finishers)
    {
        var buckets = new int[12];
        Parallel.ForEach(
            finishers,
            () => new int[12],
            (f, _, local) =>
            {
                var hour = Math.Min(11, (int)f.ChipTime.TotalHours);
                local[hour]++;
                return local;
            },
            local =>
            {
                for (var i = 0; i < local.Length; i++)
                {
                    Interlocked.Add(ref buckets[i], local[i]);
                }
            });

        return Enumerable.Range(0, 12)
            .Where(i => buckets[i] > 0)
            .ToDictionary(i => $"{i}h", i => buckets[i]);
    }
}
