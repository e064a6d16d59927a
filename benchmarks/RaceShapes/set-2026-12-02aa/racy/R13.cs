namespace Blind27.MarathonTiming.Results;

public sealed record ChipRead(string Bib, string Mat, TimeSpan GunTime);

public sealed record SplitResult(string Bib, TimeSpan HalfSplit, TimeSpan Finish, double PaceSecondsPerKm);

/// <summary>
/// Computes split results from raw timing-mat reads once the course closes, and keeps
/// track of the fastest pace for the results page headline.
/// </summary>
public sealed class SplitCalculator
{
    private const double MarathonKm = 42.195;
    private double _fastestPaceSecondsPerKm = double.MaxValue;

    public double FastestPaceSecondsPerKm => _fastestPaceSecondsPerKm;

    public IReadOnlyList<SplitResult> Compute(IEnumerable<ChipRead> reads)
    {
        var byRunner = reads.GroupBy(r => r.Bib).ToList();

        var results = byRunner
            .AsParallel()
            .Select(group =>
            {
                var half = group.FirstOrDefault(r => r.Mat == "HALF")?.GunTime ?? TimeSpan.Zero;
                var finish = group.FirstOrDefault(r => r.Mat == "FINISH")?.GunTime;
                if (finish is null)
                {
                    return null;
                }

                var pace = finish.Value.TotalSeconds / MarathonKm;
                if (pace < _fastestPaceSecondsPerKm)
                {
                    _fastestPaceSecondsPerKm = pace;
                }

                return new SplitResult(group.Key, half, finish.Value, pace);
            })
            .Where(r => r is not null)
            .Select(r => r!)
            .OrderBy(r => r.Finish)
            .ToList();

        return results;
    }
}

/// <summary>Publishes the results page once the course has closed.</summary>
public sealed class ResultsPagePublisher
{
    private readonly SplitCalculator _calculator = new();

    public string Publish(IEnumerable<ChipRead> reads)
    {
        var results = _calculator.Compute(reads);
        if (results.Count == 0)
        {
            return "No finishers yet";
        }

        var fastest = TimeSpan.FromSeconds(_calculator.FastestPaceSecondsPerKm);
        return $"{results.Count} finishers; fastest pace {fastest:m\\:ss} per km";
    }
}
