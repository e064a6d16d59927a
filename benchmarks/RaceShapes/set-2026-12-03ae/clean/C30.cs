namespace Blind31.FerryLighthouseRadios.Link;

public enum LinkState
{
    Disconnected,
    Connecting,
    Connected,
    Closed,
}

public interface IRadioModem
{
    Task OpenAsync(CancellationToken ct);
    Task SendAsync(string message, CancellationToken ct);
}

/// <summary>
/// Keeps the lighthouse's data link to the ferry company's radio modem up, reconnecting with
/// back-off when it drops. Shared by the weather broadcaster and the ferry position reporter.
/// </summary>
public sealed class ModemLink : IAsyncDisposable
{
    private readonly object _sync = new();
    private readonly IRadioModem _modem;
    private readonly CancellationTokenSource _shutdown = new();
    private LinkState _state = LinkState.Disconnected;
    private Task _reconnectLoop = Task.CompletedTask;
    private int _reconnects;

    public ModemLink(IRadioModem modem)
    {
        _modem = modem;
    }

    public LinkState State
    {
        get { lock (_sync) { return _state; } }
    }

    public int Reconnects
    {
        get { lock (_sync) { return _reconnects; } }
    }

    public void EnsureConnecting()
    {
        lock (_sync)
        {
            if (_state != LinkState.Disconnected)
            {
                return;
            }

            _state = LinkState.Connecting;
            _reconnectLoop = Task.Run(() => ConnectLoopAsync(_shutdown.Token));
        }
    }

    public async Task<bool> TrySendAsync(string message, CancellationToken ct)
    {
        if (State != LinkState.Connected)
        {
            EnsureConnecting();
            return false;
        }

        try
        {
            await _modem.SendAsync(message, ct).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            lock (_sync)
            {
                if (_state == LinkState.Connected)
                {
                    _state = LinkState.Disconnected;
                }
            }

            EnsureConnecting();
            return false;
        }
    }

    private async Task ConnectLoopAsync(CancellationToken ct)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await _modem.OpenAsync(ct).ConfigureAwait(false);
                lock (_sync)
                {
                    if (_state == LinkState.Connecting)
                    {
                        _state = LinkState.Connected;
                        _reconnects++;
                    }
                }

                return;
            }
            catch (IOException)
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
                delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds * 2, 60));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task loop;
        lock (_sync)
        {
            _state = LinkState.Closed;
            loop = _reconnectLoop;
        }

        _shutdown.Cancel();
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _shutdown.Dispose();
    }
}
