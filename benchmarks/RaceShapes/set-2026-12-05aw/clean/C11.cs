using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AquariumLifeSupport.Chillers;

public interface IChillerBus
{
    Task<double> ReadWaterTempAsync(string loopId, CancellationToken ct);
    Task SetCompressorAsync(string loopId, bool on, CancellationToken ct);
}

/// <summary>
/// Hysteresis controller for the chiller on one life-support loop, started and stopped by the host.
/// </summary>
public sealed class ChillerControlService : IHostedService, IDisposable
{
    private readonly string _loopId;
    private readonly IChillerBus _bus;
    private readonly ILogger<ChillerControlService> _log;
    private readonly double _setpointC;
    private CancellationTokenSource? _cts;
    private Task? _loop;

    public ChillerControlService(string loopId, double setpointC, IChillerBus bus, ILogger<ChillerControlService> log)
    {
        _loopId = loopId;
        _setpointC = setpointC;
        _bus = bus;
        _log = log;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _cts = new CancellationTokenSource();
        _loop = RunAsync(_cts.Token);
        return Task.CompletedTask;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        bool compressorOn = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                double temp = await _bus.ReadWaterTempAsync(_loopId, ct).ConfigureAwait(false);
                bool want = compressorOn ? temp > _setpointC - 0.3 : temp > _setpointC + 0.3;
                if (want != compressorOn)
                {
                    await _bus.SetCompressorAsync(_loopId, want, ct).ConfigureAwait(false);
                    compressorOn = want;
                    _log.LogInformation("Loop {Loop}: compressor {State} at {Temp:F2} C", _loopId, want ? "on" : "off", temp);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var cts = _cts;
        var loop = _loop;
        if (cts is null || loop is null)
        {
            return;
        }

        cts.Cancel();
        try
        {
            await loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.LogError(ex, "Chiller loop {Loop} ended with an error", _loopId);
        }
        finally
        {
            if (loop.IsCompleted)
            {
                cts.Dispose();
                _cts = null;
                _loop = null;
            }
        }
    }

    public void Dispose()
    {
        if (_loop is { IsCompleted: true })
        {
            _cts?.Dispose();
        }
    }
}
