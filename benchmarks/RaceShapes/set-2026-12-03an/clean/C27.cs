using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Blind40.Cartographers.Gazetteer;

public sealed record PlaceName(string Name, string Feature, double Lat, double Lon);

/// <summary>
/// In-process search index over the gazetteer of place names. Editors submit
/// changes from many threads; a background loop folds them into the index
/// that the search box queries.
/// </summary>
public sealed class GazetteerIndex : IAsyncDisposable
{
    private readonly ConcurrentQueue<PlaceName> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _indexer;
    private ImmutableDictionary<string, ImmutableList<PlaceName>> _snapshot =
        ImmutableDictionary.Create<string, ImmutableList<PlaceName>>(StringComparer.OrdinalIgnoreCase);

    public GazetteerIndex()
    {
        _indexer = Task.Run(() => IndexLoopAsync(_stop.Token));
    }

    public void Submit(PlaceName place)
    {
        _pending.Enqueue(place);
        _signal.Release();
    }

    public IReadOnlyList<PlaceName> Search(string prefix)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        string key = Normalize(prefix);
        return snapshot.TryGetValue(key, out var hits) ? hits : ImmutableList<PlaceName>.Empty;
    }

    private async Task IndexLoopAsync(CancellationToken ct)
    {
        var builder = Volatile.Read(ref _snapshot).ToBuilder();
        try
        {
            while (true)
            {
                await _signal.WaitAsync(ct).ConfigureAwait(false);

                while (_pending.TryDequeue(out var place))
                {
                    string name = Normalize(place.Name);
                    for (int len = 1; len <= Math.Min(6, name.Length); len++)
                    {
                        string key = name[..len];
                        var list = builder.TryGetValue(key, out var existing) ? existing : ImmutableList<PlaceName>.Empty;
                        builder[key] = list.Add(place);
                    }
                }

                Volatile.Write(ref _snapshot, builder.ToImmutable());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Normalize(string s) => s.Trim().ToLowerInvariant();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _indexer.ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }
}
