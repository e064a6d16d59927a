using System.Threading.Channels;

namespace Blind26.ViolinWorkshop.Varnish;

public sealed record CoatRequest(string InstrumentId, int CoatNumber, TaskCompletionSource<DateTimeOffset> Completion);

/// <summary>
/// Schedules varnish coats for instruments in the drying room. Luthiers at several
/// benches request the next coat concurrently; requests are queued and handled in order
/// by a background pump.
/// </summary>
public sealed class VarnishCoatScheduler : IAsyncDisposable
{
    private static readonly TimeSpan MinimumDrying = TimeSpan.FromHours(20);

    private readonly Channel<CoatRequest> _requests =
        Channel.CreateUnbounded<CoatRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, DateTimeOffset> _lastCoat = new();
    private readonly Dictionary<string, int> _coatCount = new();
    private readonly TimeProvider _clock;
    private readonly Task _pump;

    public VarnishCoatScheduler(TimeProvider clock)
    {
        _clock = clock;
        _pump = Task.Run(PumpAsync);
    }

    public Task<DateTimeOffset> RequestCoatAsync(string instrumentId, int coatNumber)
    {
        var tcs = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_requests.Writer.TryWrite(new CoatRequest(instrumentId, coatNumber, tcs)))
        {
            tcs.SetException(new InvalidOperationException("Scheduler is shut down."));
        }

        return tcs.Task;
    }

    private async Task PumpAsync()
    {
        await foreach (var request in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                request.Completion.TrySetResult(Schedule(request));
            }
            catch (Exception ex)
            {
                request.Completion.TrySetException(ex);
            }
        }
    }

    private DateTimeOffset Schedule(CoatRequest request)
    {
        _coatCount.TryGetValue(request.InstrumentId, out int done);
        if (request.CoatNumber != done + 1)
        {
            throw new InvalidOperationException(
                $"{request.InstrumentId}: coat {request.CoatNumber} requested but {done} applied.");
        }

        var now = _clock.GetUtcNow();
        var slot = _lastCoat.TryGetValue(request.InstrumentId, out var last) && last + MinimumDrying > now
            ? last + MinimumDrying
            : now;

        _lastCoat[request.InstrumentId] = slot;
        _coatCount[request.InstrumentId] = request.CoatNumber;
        return slot;
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }
}
