namespace Blind63.WoolAuctions.Brokers;

public enum CircuitState
{
    Closed = 0,
    Open = 1,
    HalfOpen = 2
}

/// <summary>
/// Circuit breaker shared by every client calling the wool-testing lab's
/// micron API during a sale. A single instance is registered for the app.
/// </summary>
public sealed class LabCircuit
{
    private readonly int _failureThreshold;
    private readonly long _openTicks;
    private int _state;
    private int _consecutiveFailures;
    private long _openedAtTicks;

    public LabCircuit(int failureThreshold, TimeSpan openFor)
    {
        _failureThreshold = failureThreshold;
        _openTicks = (long)(openFor.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    public CircuitState State => (CircuitState)Volatile.Read(ref _state);

    public bool TryEnter()
    {
        switch ((CircuitState)Volatile.Read(ref _state))
        {
            case CircuitState.Closed:
                return true;
            case CircuitState.Open:
                long now = System.Diagnostics.Stopwatch.GetTimestamp();
                if (now - Interlocked.Read(ref _openedAtTicks) < _openTicks)
                {
                    return false;
                }
                // Let a trial request through once the open period has elapsed.
                return Interlocked.CompareExchange(ref _state, (int)CircuitState.HalfOpen, (int)CircuitState.Open)
                       == (int)CircuitState.Open;
            default:
                return false;
        }
    }

    public void OnSuccess()
    {
        Interlocked.Exchange(ref _consecutiveFailures, 0);
        Interlocked.Exchange(ref _state, (int)CircuitState.Closed);
    }

    public void OnFailure()
    {
        int failures = Interlocked.Increment(ref _consecutiveFailures);
        if (Volatile.Read(ref _state) == (int)CircuitState.HalfOpen || failures >= _failureThreshold)
        {
            Interlocked.Exchange(ref _openedAtTicks, System.Diagnostics.Stopwatch.GetTimestamp());
            Interlocked.Exchange(ref _state, (int)CircuitState.Open);
        }
    }
}

public sealed class MicronTestClient
{
    private readonly HttpClient _http;
    private readonly LabCircuit _circuit;
    private readonly SemaphoreSlim _concurrentCalls;

    public MicronTestClient(HttpClient http, LabCircuit circuit, int maxConcurrentCalls)
    {
        (_http, _circuit) = (http, circuit);
        _concurrentCalls = new SemaphoreSlim(maxConcurrentCalls, maxConcurrentCalls);
    }

    public async Task<double?> MeanMicronAsync(string lotNumber, CancellationToken ct)
    {
        await _concurrentCalls.WaitAsync(ct);
        try
        {
            if (!_circuit.TryEnter())
            {
                return null;
            }

            try
            {
                var text = await _http.GetStringAsync($"lots/{Uri.EscapeDataString(lotNumber)}/micron", ct);
                _circuit.OnSuccess();
                return double.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (HttpRequestException)
            {
                _circuit.OnFailure();
                throw;
            }
        }
        finally
        {
            _concurrentCalls.Release();
        }
    }
}
