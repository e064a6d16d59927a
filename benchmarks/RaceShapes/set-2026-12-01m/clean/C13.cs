namespace Photos.Keeper;

public sealed record PhotoFile(string Path, int Width, int Height, long Bytes, double Sharpness);

/// <summary>
/// Picks the copy to keep from a group of near-duplicate photos.
/// </summary>
public sealed class BestShotSelector
{
    private Candidate? _best;

    public PhotoFile? Select(IEnumerable<PhotoFile> duplicates)
    {
        Parallel.ForEach(duplicates, photo => Offer(new Candidate(photo, Score(photo))));
        return Volatile.Read(ref _best)?.Photo;
    }

    private void Offer(Candidate candidate)
    {
        while (true)
        {
            var seen = Volatile.Read(ref _best);
            if (seen is not null && seen.Score >= candidate.Score)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _best, candidate, seen) == seen)
            {
                return;
            }
        }
    }

    private static double Score(PhotoFile photo)
    {
        var megapixels = photo.Width * (double)photo.Height / 1_000_000d;
        return megapixels * 10 + photo.Sharpness * 5 + Math.Log10(Math.Max(1, photo.Bytes));
    }

    private sealed record Candidate(PhotoFile Photo, double Score);
}

public static class AlbumCleanup
{
    public static IReadOnlyList<string> Redundant(IEnumerable<IReadOnlyCollection<PhotoFile>> groups)
    {
        var result = new List<string>();
        foreach (var group in groups)
        {
            var keep = new BestShotSelector().Select(group);
            result.AddRange(group.Where(p => !ReferenceEquals(p, keep)).Select(p => p.Path));
        }

        return result;
    }
}
