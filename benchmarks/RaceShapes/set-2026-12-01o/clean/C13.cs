namespace Marathon.Timing.Results;

public sealed record FinisherResult(string BibNumber, string Gender, int Age, TimeSpan ChipTime, bool Disqualified);

public sealed record CategoryStats(string Category, int Finishers, TimeSpan Fastest, TimeSpan Median, TimeSpan Mean);

/// <summary>
/// Age-group statistics published on the results site once the course closes.
/// </summary>
public static class AgeGroupStatistics
{
    public static string CategoryFor(FinisherResult result)
    {
        var band = result.Age switch
        {
            < 20 => "U20",
            < 35 => "SEN",
            _ => $"V{result.Age / 5 * 5}",
        };

        return $"{result.Gender}{band}";
    }

    public static IReadOnlyList<CategoryStats> Compute(IEnumerable<FinisherResult> results)
    {
        return results
            .AsParallel()
            .Where(r => !r.Disqualified && r.ChipTime > TimeSpan.Zero)
            .GroupBy(CategoryFor)
            .Select(group =>
            {
                var times = group.Select(r => r.ChipTime).OrderBy(t => t).ToArray();
                var middle = times.Length / 2;
                var median = times.Length % 2 == 1
                    ? times[middle]
                    : TimeSpan.FromTicks((times[middle - 1].Ticks + times[middle].Ticks) / 2);
                var mean = TimeSpan.FromTicks((long)times.Average(t => t.Ticks));
                return new CategoryStats(group.Key, times.Length, times[0], median, mean);
            })
            .OrderBy(s => s.Category, StringComparer.Ordinal)
            .ToList();
    }

    public static TimeSpan OverallMeanChipTime(IEnumerable<FinisherResult> results)
    {
        var (sumTicks, count) = results
            .AsParallel()
            .Where(r => !r.Disqualified)
            .Aggregate(
                () => (Sum: 0L, Count: 0),
                (acc, r) => (acc.Sum + r.ChipTime.Ticks, acc.Count + 1),
                (a, b) => (a.Sum + b.Sum, a.Count + b.Count),
                acc => acc);

        return count == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(sumTicks / count);
    }
}
