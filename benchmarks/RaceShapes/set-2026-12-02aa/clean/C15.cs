using System.Threading.Channels;

namespace Blind27.WildfireLookouts.Visibility;

public sealed record VisibilityReport(string TowerId, double Kilometres, DateTime ReportedAtUtc);

/// <summary>
/// Keeps the current visibility reported by each lookout tower for the dispatch map.
/// Reports and queries arrive from the radio desk and the map API.
/// </summary>
public sealed class VisibilityBoard : IAsyncDisposable
{
    private abstract record Message;
    private sealed record Report(VisibilityReport Value) : Message;
    private sealed record Query(string TowerId, TaskCompletionSource<VisibilityReport?> Reply) : Message;
    private sealed record LowestQuery(int Count, TaskCompletionSource<IReadOnlyList<VisibilityReport>> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, VisibilityReport> _byTower = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public VisibilityBoard() => _loop = Task.Run(RunAsync);

    public bool Submit(VisibilityReport report) => _inbox.Writer.TryWrite(new Report(report));

    public Task<VisibilityReport?> GetAsync(string towerId)
    {
        var tcs = new TaskCompletionSource<VisibilityReport?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new Query(towerId, tcs)))
        {
            tcs.SetResult(null);
        }
        return tcs.Task;
    }

    public Task<IReadOnlyList<VisibilityReport>> LowestAsync(int count)
    {
        var tcs = new TaskCompletionSource<IReadOnlyList<VisibilityReport>>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inbox.Writer.TryWrite(new LowestQuery(count, tcs)))
        {
            tcs.SetResult(Array.Empty<VisibilityReport>());
        }
        return tcs.Task;
    }

    private async Task RunAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message)
            {
                case Report r:
                    _byTower[r.Value.TowerId] = r.Value;
                    break;
                case Query q:
                    q.Reply.SetResult(_byTower.TryGetValue(q.TowerId, out var v) ? v : null);
                    break;
                case LowestQuery l:
                    l.Reply.SetResult(_byTower.Values.OrderBy(x => x.Kilometres).Take(l.Count).ToList());
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }
}
