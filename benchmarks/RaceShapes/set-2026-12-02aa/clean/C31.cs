namespace Blind27.FishingFleet.Vms;

public sealed class TransientVmsException : Exception
{
    public TransientVmsException(string message) : base(message) { }
}

/// <summary>
/// Retry policy for posting vessel monitoring system (VMS) position reports to the
/// fisheries authority, with exponential back-off and jitter. One policy object is used
/// by every vessel's reporting task.
/// </summary>
public sealed class VmsRetryPolicy
{
    private readonly int _maxAttempts;
    private readonly TimeSpan _baseDelay;
    private long _totalRetries;
    private long _givenUp;

    public VmsRetryPolicy(int maxAttempts, TimeSpan baseDelay)
    {
        _maxAttempts = maxAttempts;
        _baseDelay = baseDelay;
    }

    public long TotalRetries => Interlocked.Read(ref _totalRetries);
    public long GivenUp => Interlocked.Read(ref _givenUp);

    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken ct)
    {
        var attempt = 0;
        var delay = _baseDelay;
        while (true)
        {
            attempt++;
            try
            {
                return await action(ct).ConfigureAwait(false);
            }
            catch (TransientVmsException) when (attempt < _maxAttempts)
            {
                Interlocked.Increment(ref _totalRetries);
                var jitter = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
                await Task.Delay(delay + jitter, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMinutes(2).Ticks));
            }
            catch (TransientVmsException)
            {
                Interlocked.Increment(ref _givenUp);
                throw;
            }
        }
    }
}

public sealed record PositionReport(string VesselId, double Latitude, double Longitude, double SpeedKnots, DateTime FixUtc);

/// <summary>Reports positions for the whole fleet each hour.</summary>
public sealed class FleetPositionReporter
{
    private readonly VmsRetryPolicy _policy;
    private readonly Func<PositionReport, CancellationToken, Task<bool>> _post;

    public FleetPositionReporter(VmsRetryPolicy policy, Func<PositionReport, CancellationToken, Task<bool>> post)
    {
        _policy = policy;
        _post = post;
    }

    public async Task<int> ReportAllAsync(IReadOnlyList<PositionReport> reports, CancellationToken ct)
    {
        var accepted = 0;
        await Parallel.ForEachAsync(reports, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (report, token) =>
        {
            if (await _policy.ExecuteAsync(t => _post(report, t), token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref accepted);
            }
        });

        return accepted;
    }
}
