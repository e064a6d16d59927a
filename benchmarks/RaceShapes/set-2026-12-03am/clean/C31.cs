using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Blind39.FishingFleet.Sonar;

public sealed record SonarContact(DateTime AtUtc, double DepthMetres, double Strength);

/// <summary>
/// Polls a trawler's echo sounder while the net is down. The bridge app starts and stops
/// polling at any time, from any thread; stopping returns every contact of the haul.
/// </summary>
public sealed class SonarPoller : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<IReadOnlyList<SonarContact>>> _ping;
    private readonly TimeSpan _interval;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly List<SonarContact> _haulContacts = new();
    private CancellationTokenSource? _cts;
    private Task? _loop;
    private IReadOnlyList<SonarContact> _latestSweep = Array.Empty<SonarContact>();

    public SonarPoller(Func<CancellationToken, Task<IReadOnlyList<SonarContact>>> ping, TimeSpan interval)
    {
        _ping = ping;
        _interval = interval;
    }

    /// <summary>Most recent sweep, for the live fish-finder display.</summary>
    public IReadOnlyList<SonarContact> LatestSweep => Volatile.Read(ref _latestSweep);

    public async Task StartAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_loop is not null)
                return;

            _haulContacts.Clear();
            var cts = new CancellationTokenSource();
            _cts = cts;
            _loop = Task.Run(() => PollAsync(cts.Token));
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task<IReadOnlyList<SonarContact>> StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_loop is null || _cts is null)
                return Array.Empty<SonarContact>();

            _cts.Cancel();
            await _loop.ConfigureAwait(false);
            _cts.Dispose();
            _cts = null;
            _loop = null;
            return _haulContacts.ToArray();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                var sweep = await _ping(ct).ConfigureAwait(false);
                _haulContacts.AddRange(sweep);
                Volatile.Write(ref _latestSweep, sweep);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }
}
