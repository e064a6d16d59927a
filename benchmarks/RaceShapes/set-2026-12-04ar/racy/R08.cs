namespace Blind44.PipeOrgans.Voicing;

public sealed record PipeRank(string StopName, int Footage, int PipeCount, string Material);

public sealed record StopVoicing(string StopName, double[] CutupRatios, double WindPressureMm);

/// <summary>
/// Registry of organ stops and their computed voicing tables. A single instance is shared by
/// the console simulator's audio render threads, which look stops up on every key press.
/// </summary>
public sealed class StopRegistry : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, PipeRank> _ranks = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StopVoicing> _voicingCache = new(StringComparer.OrdinalIgnoreCase);
    private readonly double _windPressureMm;

    public StopRegistry(double windPressureMm) => _windPressureMm = windPressureMm;

    public void AddRank(PipeRank rank)
    {
        _lock.EnterWriteLock();
        try
        {
            _ranks[rank.StopName] = rank;
            _voicingCache.Remove(rank.StopName);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public StopVoicing? GetVoicing(string stopName)
    {
        _lock.EnterReadLock();
        try
        {
            if (_voicingCache.TryGetValue(stopName, out var cached))
                return cached;

            if (!_ranks.TryGetValue(stopName, out var rank))
                return null;

            var voicing = ComputeVoicing(rank, _windPressureMm);
            _voicingCache[stopName] = voicing;
            return voicing;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public int RankCount
    {
        get
        {
            _lock.EnterReadLock();
            try { return _ranks.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    private static StopVoicing ComputeVoicing(PipeRank rank, double pressure)
    {
        var ratios = new double[rank.PipeCount];
        var metalFactor = rank.Material == "spotted" ? 0.92 : 1.0;
        for (int i = 0; i < ratios.Length; i++)
            ratios[i] = metalFactor * (0.25 - i * 0.0008) * Math.Sqrt(rank.Footage / 8.0);
        return new StopVoicing(rank.StopName, ratios, pressure);
    }

    public void Dispose() => _lock.Dispose();
}

/// <summary>Audio voice allocator; one per render thread.</summary>
public sealed class VoiceAllocator
{
    private readonly StopRegistry _registry;

    public VoiceAllocator(StopRegistry registry) => _registry = registry;

    public double Amplitude(string stop, int pipeIndex)
    {
        var voicing = _registry.GetVoicing(stop);
        if (voicing is null || pipeIndex >= voicing.CutupRatios.Length)
            return 0;
        return voicing.CutupRatios[pipeIndex] * voicing.WindPressureMm / 100.0;
    }
}
