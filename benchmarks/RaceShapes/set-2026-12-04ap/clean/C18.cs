using System.Threading.Channels;

namespace Blind42.ViolinMaking.Workshop;

public sealed record InstrumentJob(string Serial, string Model, string Stage, int HoursLogged);

/// <summary>
/// Actor that owns the workshop's job board. Callers from any thread post messages to its
/// mailbox and get replies back through tasks.
/// </summary>
public sealed class JobBoardActor : IAsyncDisposable
{
    private readonly Channel<Action> _mailbox = Channel.CreateUnbounded<Action>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, InstrumentJob> _jobs = new();
    private readonly Task _loop;

    public JobBoardActor()
    {
        _loop = Task.Run(ProcessAsync);
    }

    private async Task ProcessAsync()
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            message();
        }
    }

    private Task<T> Ask<T>(Func<T> handler)
    {
        var reply = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var accepted = _mailbox.Writer.TryWrite(() =>
        {
            try
            {
                reply.SetResult(handler());
            }
            catch (Exception ex)
            {
                reply.SetException(ex);
            }
        });

        if (!accepted)
        {
            reply.SetException(new ObjectDisposedException(nameof(JobBoardActor)));
        }
        return reply.Task;
    }

    public Task<bool> OpenJobAsync(string serial, string model) =>
        Ask(() => _jobs.TryAdd(serial, new InstrumentJob(serial, model, "plates", 0)));

    public Task<InstrumentJob?> LogHoursAsync(string serial, string stage, int hours) =>
        Ask(() =>
        {
            if (!_jobs.TryGetValue(serial, out var job))
            {
                return null;
            }
            var updated = job with { Stage = stage, HoursLogged = job.HoursLogged + hours };
            _jobs[serial] = updated;
            return (InstrumentJob?)updated;
        });

    public Task<IReadOnlyList<InstrumentJob>> SnapshotAsync() =>
        Ask<IReadOnlyList<InstrumentJob>>(() => _jobs.Values.OrderBy(j => j.Serial).ToList());

    public async ValueTask DisposeAsync()
    {
        _mailbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}

/// <summary>Bench tablets logging hours in parallel at the end of the day.</summary>
public static class BenchTablets
{
    public static async Task<int> LogDayAsync(JobBoardActor board, IEnumerable<(string Serial, string Stage, int Hours)> entries)
    {
        var results = await Task.WhenAll(entries.Select(e => board.LogHoursAsync(e.Serial, e.Stage, e.Hours)));
        return results.Count(r => r is not null);
    }
}
