using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.PipeOrgan.Tuning;

/// <summary>
/// The most recent tuning drift measured on a rank of pipes.
/// </summary>
public struct DriftReading
{
    public string Rank;
    public int PipeNumber;
    public double Cents;
    public DateTimeOffset MeasuredAt;
}

public interface IPitchAnalyser
{
    Task<(string Rank, int Pipe, double Cents)> MeasureNextAsync(CancellationToken ct);
}

/// <summary>
/// Worker that walks the organ's ranks with the pitch analyser during the overnight
/// quiet hours and keeps the latest drift figure for the tuner's status page.
/// </summary>
public sealed class TuningDriftWorker : IAsyncDisposable
{
    private readonly IPitchAnalyser _analyser;
    private readonly TimeSpan _pause;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private DriftReading _latest;

    public TuningDriftWorker(IPitchAnalyser analyser, TimeSpan pauseBetweenPipes)
    {
        _analyser = analyser;
        _pause = pauseBetweenPipes;
    }

    public void Start() => _loop = Task.Run(() => ExecuteAsync(_stopping.Token));

    /// <summary>Called by the status page controller.</summary>
    public string DescribeLatest()
    {
        var latest = _latest;
        if (latest.Rank is null)
        {
            return "No measurements yet.";
        }

        var direction = latest.Cents >= 0 ? "sharp" : "flat";
        return $"{latest.Rank} pipe {latest.PipeNumber}: {Math.Abs(latest.Cents):F1} cents {direction} at {latest.MeasuredAt:HH:mm}";
    }

    private async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (rank, pipe, cents) = await _analyser.MeasureNextAsync(ct).ConfigureAwait(false);

                _latest = new DriftReading
                {
                    Rank = rank,
                    PipeNumber = pipe,
                    Cents = cents,
                    MeasuredAt = DateTimeOffset.Now,
                };

                await Task.Delay(_pause, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stopping.Dispose();
    }
}
