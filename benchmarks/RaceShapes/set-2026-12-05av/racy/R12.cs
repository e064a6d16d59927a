namespace Blind48.Ballet.Wardrobe;

public sealed record CostumeSize(string DancerId, int ChestCm, int WaistCm, int InseamCm, string ShoeSize);

public interface IMeasurementArchive
{
    CostumeSize Load(string dancerId);
}

/// <summary>
/// Process-wide cache of dancers' costume measurements. The wardrobe planner,
/// the fitting calendar and the touring manifest exporter all call
/// <see cref="Get"/> from request threads and parallel exports.
/// </summary>
public static class CostumeSizeCache
{
    private static readonly Dictionary<string, CostumeSize> s_sizes = new(StringComparer.OrdinalIgnoreCase);
    private static readonly object s_lock = new();
    private static IMeasurementArchive? s_archive;

    public static void Configure(IMeasurementArchive archive)
    {
        lock (s_lock)
        {
            s_archive = archive;
            s_sizes.Clear();
        }
    }

    public static CostumeSize Get(string dancerId)
    {
        if (s_sizes.TryGetValue(dancerId, out var size))
        {
            return size;
        }

        lock (s_lock)
        {
            if (!s_sizes.TryGetValue(dancerId, out size))
            {
                var archive = s_archive ?? throw new InvalidOperationException("Measurement archive not configured.");
                size = archive.Load(dancerId);
                s_sizes[dancerId] = size;
            }

            return size;
        }
    }

    public static void Invalidate(string dancerId)
    {
        lock (s_lock)
        {
            s_sizes.Remove(dancerId);
        }
    }
}

/// <summary>
/// Writes the costume crate manifest for a touring production.
/// </summary>
public sealed class TouringManifestExporter
{
    public IReadOnlyList<string> BuildManifest(IEnumerable<string> castDancerIds)
    {
        return castDancerIds
            .AsParallel()
            .AsOrdered()
            .Select(id => CostumeSizeCache.Get(id))
            .Select(s => $"{s.DancerId}: chest {s.ChestCm} waist {s.WaistCm} inseam {s.InseamCm} shoe {s.ShoeSize}")
            .ToList();
    }
}
