using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.Observatories.SkyConditions;

public sealed record CloudCover(string FrameId, double Fraction, bool DomeMayOpen);

/// <summary>
/// Coalesces requests for the analysis of an all-sky camera frame. Every telescope
/// controller asks about the latest frame at about the same moment; only one analysis
/// runs per frame and all callers share its result. Registered as a singleton.
/// </summary>
public sealed class CloudCoverCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CloudCover>>> _inFlight = new(StringComparer.Ordinal);
    private readonly Func<string, Task<CloudCover>> _analyze;
    private long _analysesStarted;
    private long _requests;

    public CloudCoverCoalescer(Func<string, Task<CloudCover>> analyze)
    {
        _analyze = analyze;
    }

    public long AnalysesStarted => Interlocked.Read(ref _analysesStarted);

    public long Requests => Interlocked.Read(ref _requests);

    public Task<CloudCover> GetAsync(string frameId)
    {
        Interlocked.Increment(ref _requests);
        var entry = _inFlight.GetOrAdd(
            frameId,
            id => new Lazy<Task<CloudCover>>(() => AnalyzeAndForgetAsync(id), LazyThreadSafetyMode.ExecutionAndPublication));
        return entry.Value;
    }

    private async Task<CloudCover> AnalyzeAndForgetAsync(string frameId)
    {
        Interlocked.Increment(ref _analysesStarted);
        try
        {
            return await _analyze(frameId).ConfigureAwait(false);
        }
        finally
        {
            // later frames get fresh analyses; this one is done
            _inFlight.TryRemove(frameId, out _);
        }
    }
}

/// <summary>Decides whether one telescope's dome may open for the next exposure.</summary>
public sealed class DomeController
{
    private readonly CloudCoverCoalescer _coalescer;
    private readonly string _telescope;

    public DomeController(CloudCoverCoalescer coalescer, string telescope)
    {
        _coalescer = coalescer;
        _telescope = telescope;
    }

    public async Task<string> DecideAsync(string latestFrameId)
    {
        var cover = await _coalescer.GetAsync(latestFrameId);
        return cover.DomeMayOpen
            ? $"{_telescope}: open ({cover.Fraction:P0} cloud)"
            : $"{_telescope}: stay closed ({cover.Fraction:P0} cloud)";
    }
}
