namespace Blind47.PotteryKilns.Programs;

public sealed record FiringSegment(double RampCelsiusPerHour, double TargetCelsius, TimeSpan Hold);

public interface IKilnController
{
    Task RampToAsync(double celsiusPerHour, double target, CancellationToken ct);
    Task HoldAsync(TimeSpan hold, CancellationToken ct);
    void SafeShutdown();
}

/// <summary>
/// Runs firing programs on an electric kiln. Starting a new program cancels the
/// one in progress; the studio app may call Start and Abort from any thread.
/// </summary>
public sealed class FiringProgramRunner : IDisposable
{
    private readonly IKilnController _kiln;
    private readonly object _gate = new();
    private CancellationTokenSource? _current;
    private Task _running = Task.CompletedTask;
    private bool _disposed;

    public FiringProgramRunner(IKilnController kiln) => _kiln = kiln;

    public Task Start(IReadOnlyList<FiringSegment> program)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            _current?.Cancel();
            _current?.Dispose();

            var cts = new CancellationTokenSource();
            _current = cts;
            var previous = _running;
            _running = RunAsync(previous, program, cts.Token);
            return _running;
        }
    }

    public void Abort()
    {
        lock (_gate)
        {
            _current?.Cancel();
        }
    }

    private async Task RunAsync(Task previous, IReadOnlyList<FiringSegment> program, CancellationToken ct)
    {
        // Let the previous program finish shutting down before driving the elements again.
        try
        {
            await previous.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        using var registration = ct.Register(static state => ((IKilnController)state!).SafeShutdown(), _kiln);
        foreach (var segment in program)
        {
            await _kiln.RampToAsync(segment.RampCelsiusPerHour, segment.TargetCelsius, ct).ConfigureAwait(false);
            await _kiln.HoldAsync(segment.Hold, ct).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _current?.Cancel();
            _current?.Dispose();
            _current = null;
        }
    }
}
