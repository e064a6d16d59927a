namespace Tram.PassengerCounting.Analysis;

public sealed record DoorCount(string TramId, string StopCode, int DoorNumber, int Boardings, int Alightings, DateTime RecordedAt);

/// <summary>
/// Builds the boarding-size histogram used by the network planners to size
/// platform extensions. Counts are uploaded in bulk from the depot each night.
/// </summary>
public sealed class BoardingHistogramBuilder
{
    private static readonly int[] BucketUpperBounds = { 0, 2, 5, 10, 20, 40, 80, int.MaxValue };

    private readonly long[] _histogram = new long[BucketUpperBounds.Length];

    public IReadOnlyList<(string Label, long Stops)> Build(IEnumerable<DoorCount> counts)
    {
        Array.Clear(_histogram);

        counts
            .AsParallel()
            .GroupBy(c => (c.TramId, c.StopCode, c.RecordedAt))
            .Select(stopEvent => stopEvent.Sum(c => c.Boardings))
            .ForAll(AddToHistogram);

        var result = new List<(string, long)>(BucketUpperBounds.Length);
        var lower = 0;
        for (var i = 0; i < BucketUpperBounds.Length; i++)
        {
            var upper = BucketUpperBounds[i];
            var label = upper == int.MaxValue ? $"{lower}+" : $"{lower}-{upper}";
            result.Add((label, _histogram[i]));
            lower = upper == int.MaxValue ? upper : upper + 1;
        }

        return result;
    }

    /// <summary>Share of stop events in the given bucket or above, used for the crowding KPI.</summary>
    public static double ShareAtOrAbove(IReadOnlyList<(string Label, long Stops)> histogram, int bucketIndex)
    {
        var total = histogram.Sum(h => h.Stops);
        return total == 0 ? 0 : (double)histogram.Skip(bucketIndex).Sum(h => h.Stops) / total;
    }

    private void AddToHistogram(int boardings)
    {
        var bucket = Array.FindIndex(BucketUpperBounds, bound => boardings <= bound);
        if (bucket < 0)
        {
            bucket = BucketUpperBounds.Length - 1;
        }

        _histogram[bucket]++;
    }
}
