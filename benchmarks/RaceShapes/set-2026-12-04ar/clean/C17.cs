using System.Collections.Concurrent;

namespace Blind44.PipeOrgans.Samples;

public sealed record PipeSampleSet(string Stop, int Pipes, float[][] Waveforms);

public interface ISampleStore
{
    PipeSampleSet Load(string stop);
}

/// <summary>
/// Lazily loads recorded pipe samples for the virtual organ. A single instance is shared by the
/// audio render threads; each stop's samples are loaded once, the first time any thread needs them.
/// </summary>
public sealed class PipeSampleLibrary
{
    private readonly ISampleStore _store;
    private readonly ConcurrentDictionary<string, Lazy<PipeSampleSet>> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private int _loadCount;

    public PipeSampleLibrary(ISampleStore store) => _store = store;

    public int LoadCount => Volatile.Read(ref _loadCount);

    public PipeSampleSet Get(string stop)
    {
        var lazy = _loaded.GetOrAdd(stop, name => new Lazy<PipeSampleSet>(() =>
        {
            Interlocked.Increment(ref _loadCount);
            return _store.Load(name);
        }, LazyThreadSafetyMode.ExecutionAndPublication));

        try
        {
            return lazy.Value;
        }
        catch
        {
            // Drop the failed entry so a later key press can retry the load.
            _loaded.TryRemove(new KeyValuePair<string, Lazy<PipeSampleSet>>(stop, lazy));
            throw;
        }
    }

    public bool IsLoaded(string stop) =>
        _loaded.TryGetValue(stop, out var lazy) && lazy.IsValueCreated;

    /// <summary>Evicts a stop after its sample set was re-recorded.</summary>
    public void Evict(string stop) => _loaded.TryRemove(stop, out _);
}

/// <summary>Organ console: pressing keys with stops drawn triggers sample playback on the render threads.</summary>
public sealed class OrganConsole
{
    private readonly PipeSampleLibrary _library;
    private readonly string[] _drawnStops;

    public OrganConsole(PipeSampleLibrary library, IEnumerable<string> drawnStops)
    {
        _library = library;
        _drawnStops = drawnStops.ToArray();
    }

    public float MixSample(int pipe, int frame)
    {
        float sum = 0;
        foreach (var stop in _drawnStops)
        {
            var set = _library.Get(stop);
            if (pipe < set.Pipes)
            {
                var wave = set.Waveforms[pipe];
                sum += wave[frame % wave.Length];
            }
        }
        return sum / Math.Max(1, _drawnStops.Length);
    }

    public float[] RenderChord(int[] pipes, int frames)
    {
        var output = new float[frames];
        Parallel.For(0, frames, f =>
        {
            float s = 0;
            foreach (var p in pipes)
                s += MixSample(p, f);
            output[f] = s;
        });
        return output;
    }
}
