using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind52.Beekeeping.HiveScales;

public sealed record HiveWeight(int HiveId, double Kilograms, DateTimeOffset At);

/// <summary>
/// Polls the co-operative's hive scales. Each apiary site has its own polling
/// task and raises <see cref="WeightMeasured"/> from it.
/// </summary>
public sealed class HiveScaleFeed
{
    private readonly IReadOnlyList<Func<CancellationToken, Task<HiveWeight>>> _sites;

    public HiveScaleFeed(IReadOnlyList<Func<CancellationToken, Task<HiveWeight>>> sites) => _sites = sites;

    public event EventHandler<HiveWeight>? WeightMeasured;

    public Task RunAsync(CancellationToken ct) => Task.WhenAll(_sites.Select(site => Task.Run(async () =>
    {
        while (!ct.IsCancellationRequested)
        {
            var weight = await site(ct).ConfigureAwait(false);
            WeightMeasured?.Invoke(this, weight);
        }
    }, ct)));
}

/// <summary>
/// Keeps the latest weight of every hive for the members' dashboard.
/// </summary>
public sealed class HiveWeightBoard : IAsyncDisposable
{
    private readonly Channel<HiveWeight> _updates =
        Channel.CreateBounded<HiveWeight>(new BoundedChannelOptions(1024) { SingleReader = true });

    private readonly Dictionary<int, HiveWeight> _latest = new();
    private ImmutableDictionary<int, HiveWeight> _snapshot = ImmutableDictionary<int, HiveWeight>.Empty;
    private readonly Task _consumer;

    public HiveWeightBoard() => _consumer = Task.Run(ConsumeAsync);

    public void Attach(HiveScaleFeed feed) => feed.WeightMeasured += OnWeightMeasured;

    public ImmutableDictionary<int, HiveWeight> Current => Volatile.Read(ref _snapshot);

    private async void OnWeightMeasured(object? sender, HiveWeight weight)
    {
        try
        {
            await _updates.Writer.WriteAsync(weight).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
        }
    }

    private async Task ConsumeAsync()
    {
        await foreach (var weight in _updates.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_latest.TryGetValue(weight.HiveId, out var previous) && previous.At >= weight.At)
            {
                continue;
            }

            _latest[weight.HiveId] = weight;
            Volatile.Write(ref _snapshot, _latest.ToImmutableDictionary());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _updates.Writer.TryComplete();
        await _consumer.ConfigureAwait(false);
    }
}

/// <summary>
/// Wires the feed to the board and logs the heaviest hive every minute.
/// </summary>
public static class ApiaryMonitor
{
    public static async Task RunAsync(HiveScaleFeed feed, Action<string> log, CancellationToken ct)
    {
        await using var board = new HiveWeightBoard();
        board.Attach(feed);
        var polling = feed.RunAsync(ct);

        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromMinutes(1), ct).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            var heaviest = board.Current.Values.OrderByDescending(w => w.Kilograms).FirstOrDefault();
            if (heaviest is not null)
            {
                log($"Heaviest hive: {heaviest.HiveId} at {heaviest.Kilograms:F1} kg");
            }
        }

        try
        {
            await polling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
