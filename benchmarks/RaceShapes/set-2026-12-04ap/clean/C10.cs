namespace Blind42.SkiPatrol.Radio;

public interface IRadioScanner
{
    Task<IReadOnlyList<string>> ScanChannelsAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Polls the patrol radio scanner for active channels. The dispatcher console may call
/// <see cref="RestartAsync"/> and <see cref="StopAsync"/> at any time, from any thread.
/// </summary>
public sealed class PatrolRadioMonitor : IAsyncDisposable
{
    private readonly IRadioScanner _scanner;
    private readonly TimeSpan _interval;
    private readonly Action<IReadOnlyList<string>> _onScan;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private CancellationTokenSource? _cts;
    private Task _loop = Task.CompletedTask;
    private int _restarts;

    public PatrolRadioMonitor(IRadioScanner scanner, TimeSpan interval, Action<IReadOnlyList<string>> onScan)
    {
        _scanner = scanner;
        _interval = interval;
        _onScan = onScan;
    }

    public int Restarts => Volatile.Read(ref _restarts);

    public async Task RestartAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
            var cts = new CancellationTokenSource();
            _cts = cts;
            _loop = Task.Run(() => PollAsync(cts.Token));
            Interlocked.Increment(ref _restarts);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopCoreAsync().ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    private async Task StopCoreAsync()
    {
        var cts = _cts;
        if (cts is null)
        {
            return;
        }

        cts.Cancel();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        cts.Dispose();
        _cts = null;
        _loop = Task.CompletedTask;
    }

    private async Task PollAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            try
            {
                _onScan(await _scanner.ScanChannelsAsync(token).ConfigureAwait(false));
                await Task.Delay(_interval, token).ConfigureAwait(false);
            }
            catch (IOException)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), token).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _lifecycle.Dispose();
    }
}
