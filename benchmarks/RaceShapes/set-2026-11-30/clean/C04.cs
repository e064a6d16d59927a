namespace Blind.C04;

public enum ProbeState
{
    Unknown,
    Up,
    Flapping,
    Down,
}

/// <summary>
/// Periodically probes a TCP-fronted dependency and exposes its state to the
/// readiness endpoint. Probes can take longer than the polling interval.
/// </summary>
public sealed class DependencyProbe : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _target;
    private readonly int _downAfter;
    private readonly Timer _timer;
    private int _running;
    private int _consecutiveFailures;
    private long _skippedTicks;
    private volatile ProbeState _state = ProbeState.Unknown;

    public DependencyProbe(Uri target, int downAfter = 3)
    {
        _target = target;
        _downAfter = downAfter;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _timer = new Timer(OnTick, null, TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    public ProbeState State => _state;

    public long SkippedTicks => Interlocked.Read(ref _skippedTicks);

    private void OnTick(object? state)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            Interlocked.Increment(ref _skippedTicks);
            return;
        }

        try
        {
            bool ok;
            try
            {
                using var response = _http.Send(new HttpRequestMessage(HttpMethod.Head, _target));
                ok = response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                ok = false;
            }

            if (ok)
            {
                _consecutiveFailures = 0;
                _state = ProbeState.Up;
            }
            else
            {
                _consecutiveFailures++;
                _state = _consecutiveFailures >= _downAfter ? ProbeState.Down : ProbeState.Flapping;
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _http.Dispose();
    }
}
