using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind52.IceRink.Refrigeration;

public readonly record struct ChillerReading(double BrineSupplyC, double BrineReturnC, double CompressorAmps, DateTimeOffset At);

public interface IChillerPlc
{
    Task<ChillerReading> ReadAsync(CancellationToken ct);
}

public interface IChillerReadingSink
{
    void Publish(ChillerReading reading);
}

/// <summary>
/// Polls the ice plant's chiller PLC while the rink is in use. Start and Stop
/// are called from the facility schedule, the operator panel and the
/// maintenance API, possibly at the same time.
/// </summary>
public sealed class ChillerPoller : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly IChillerPlc _plc;
    private readonly IChillerReadingSink _sink;
    private readonly TimeSpan _interval;
    private CancellationTokenSource? _cts;
    private Task? _loop;

    public ChillerPoller(IChillerPlc plc, IChillerReadingSink sink, TimeSpan interval)
    {
        _plc = plc;
        _sink = sink;
        _interval = interval;
    }

    public bool IsRunning
    {
        get { lock (_sync) return _loop is not null; }
    }

    public void Start()
    {
        lock (_sync)
        {
            if (_loop is not null)
            {
                return;
            }

            var cts = new CancellationTokenSource();
            var token = cts.Token;
            _cts = cts;
            _loop = Task.Run(() => PollAsync(token));
        }
    }

    public async Task StopAsync()
    {
        CancellationTokenSource? cts;
        Task? loop;
        lock (_sync)
        {
            cts = _cts;
            loop = _loop;
            _cts = null;
            _loop = null;
        }

        if (cts is null || loop is null)
        {
            return;
        }

        cts.Cancel();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            cts.Dispose();
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_interval);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            try
            {
                _sink.Publish(await _plc.ReadAsync(ct).ConfigureAwait(false));
            }
            catch (TimeoutException)
            {
                // PLC busy; try again on the next tick.
            }
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
