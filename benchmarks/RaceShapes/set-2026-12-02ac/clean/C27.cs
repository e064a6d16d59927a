using System.Collections.Immutable;

namespace Blind29.Cartography.FeatureFlags;

public sealed record MapFeatureFlags(
    int Version,
    bool HillShading,
    bool VectorContours,
    ImmutableHashSet<string> BetaLayers);

public interface IFlagEndpoint
{
    Task<MapFeatureFlags?> FetchIfNewerAsync(int currentVersion, CancellationToken ct);
}

/// <summary>
/// Feature flag client for the map publishing service. Polls the flag endpoint in the
/// background; request handlers on any thread read <see cref="Current"/>.
/// </summary>
public sealed class FlagClient : IAsyncDisposable
{
    private readonly IFlagEndpoint _endpoint;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _poller;
    private MapFeatureFlags _current = new(0, false, false, ImmutableHashSet<string>.Empty);
    private long _failedPolls;

    public FlagClient(IFlagEndpoint endpoint, TimeSpan interval)
    {
        _endpoint = endpoint;
        _poller = PollAsync(interval, _stop.Token);
    }

    public MapFeatureFlags Current => Volatile.Read(ref _current);

    public long FailedPolls => Interlocked.Read(ref _failedPolls);

    public bool IsLayerEnabled(string layer) => Current.BetaLayers.Contains(layer);

    private async Task PollAsync(TimeSpan interval, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    var newer = await _endpoint.FetchIfNewerAsync(Current.Version, ct).ConfigureAwait(false);
                    if (newer is not null)
                    {
                        Volatile.Write(ref _current, newer);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref _failedPolls);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _poller.ConfigureAwait(false);
        _stop.Dispose();
    }
}

public sealed class TileStyleSelector
{
    private readonly FlagClient _flags;

    public TileStyleSelector(FlagClient flags) => _flags = flags;

    public string StyleFor(string layer)
    {
        var flags = _flags.Current;
        var relief = flags.HillShading ? "+hillshade" : "";
        var contours = flags.VectorContours ? "vector" : "raster";
        var beta = flags.BetaLayers.Contains(layer) ? "-beta" : "";
        return $"{layer}{beta}{relief}/{contours}";
    }
}
