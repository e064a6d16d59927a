using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Blind55.Clean.C11;

public sealed record CallOutRequest(Guid Id, string Postcode, string Problem, bool Emergency, DateTime ReceivedAt);

public sealed record Technician(string Name, string Area);

/// <summary>
/// Locksmith call-out dispatcher. Phone operators and the web form submit requests from any
/// thread; a single dispatch loop decides which technician gets each job.
/// </summary>
public sealed class CallOutDispatcher
{
    private readonly Channel<CallOutRequest> _requests =
        Channel.CreateUnbounded<CallOutRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, string> _status = new();
    private readonly Dictionary<string, int> _openJobsPerTechnician = new();
    private readonly IReadOnlyList<Technician> _technicians;

    public CallOutDispatcher(IReadOnlyList<Technician> technicians)
    {
        _technicians = technicians;
        foreach (var t in technicians)
        {
            _openJobsPerTechnician[t.Name] = 0;
        }
    }

    public bool Submit(CallOutRequest request)
    {
        _status[request.Id] = "queued";
        return _requests.Writer.TryWrite(request);
    }

    public string StatusOf(Guid id) => _status.TryGetValue(id, out var s) ? s : "unknown";

    public void Complete() => _requests.Writer.TryComplete();

    /// <summary>Runs on one background task for the lifetime of the app.</summary>
    public async Task RunAsync(Func<Technician, CallOutRequest, CancellationToken, Task> notify, CancellationToken ct)
    {
        await foreach (var request in _requests.Reader.ReadAllAsync(ct))
        {
            var candidates = _technicians.Where(t => request.Postcode.StartsWith(t.Area, StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 0)
            {
                candidates = _technicians.ToList();
            }

            var chosen = candidates.OrderBy(t => _openJobsPerTechnician[t.Name]).First();
            _openJobsPerTechnician[chosen.Name]++;
            _status[request.Id] = $"assigned to {chosen.Name}";

            await notify(chosen, request, ct);
        }
    }
}

public static class DispatcherHost
{
    public static async Task RunAsync(CallOutDispatcher dispatcher, CancellationToken ct)
    {
        var loop = dispatcher.RunAsync((tech, job, token) => Task.Delay(10, token), ct);

        await Parallel.ForEachAsync(Enumerable.Range(0, 100), ct, (i, _) =>
        {
            dispatcher.Submit(new CallOutRequest(Guid.NewGuid(), i % 2 == 0 ? "LS1" : "LS6", "locked out", i % 10 == 0, DateTime.UtcNow));
            return ValueTask.CompletedTask;
        });

        dispatcher.Complete();
        await loop;
    }
}
