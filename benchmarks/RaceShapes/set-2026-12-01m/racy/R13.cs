namespace Photos.Dedup;

public sealed record PhotoInfo(string Path, int Width, int Height, long FileSize, double Sharpness, bool HasExif);

/// <summary>
/// Given a group of near-duplicate photos (same perceptual hash), chooses the copy to keep.
/// </summary>
public sealed class RepresentativePicker
{
    private PhotoInfo? _best;

    public PhotoInfo? Pick(IReadOnlyCollection<PhotoInfo> duplicates)
    {
        _best = null;
        duplicates.AsParallel().ForAll(photo =>
        {
            var current = _best;
            if (current is null || Quality(photo) > Quality(current))
            {
                _best = photo;
            }
        });

        return _best;
    }

    private static double Quality(PhotoInfo photo)
    {
        var megapixels = photo.Width * (double)photo.Height / 1_000_000d;
        var score = megapixels * 10 + photo.Sharpness * 5;
        if (photo.HasExif)
        {
            score += 2;
        }

        // Prefer the less compressed copy when resolution is equal.
        score += Math.Log10(Math.Max(1, photo.FileSize));
        return score;
    }
}

public static class DedupRun
{
    public static IReadOnlyList<string> PathsToDelete(IEnumerable<IReadOnlyCollection<PhotoInfo>> groups)
    {
        var toDelete = new List<string>();
        foreach (var group in groups)
        {
            var keep = new RepresentativePicker().Pick(group);
            toDelete.AddRange(group.Where(p => !ReferenceEquals(p, keep)).Select(p => p.Path));
        }

        return toDelete;
    }
}
