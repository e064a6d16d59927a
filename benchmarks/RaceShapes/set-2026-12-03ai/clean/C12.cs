using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind35.BellRinging.Quarters;

public sealed record RingingReport(string Tower, int Changes);

/// <summary>
/// Keeps per-tower change counts for the quarter-peal league. Reports and
/// standings queries are sent to it as messages.
/// </summary>
public sealed class LeagueTable : BackgroundService
{
    private abstract record Message;
    private sealed record Report(RingingReport Value) : Message;
    private sealed record Query(TaskCompletionSource<IReadOnlyList<(string, int)>> Reply) : Message;

    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly Dictionary<string, int> _changesByTower = new(StringComparer.OrdinalIgnoreCase);

    public bool Submit(RingingReport report) => _mailbox.Writer.TryWrite(new Report(report));

    public async Task<IReadOnlyList<(string Tower, int Changes)>> StandingsAsync(CancellationToken ct)
    {
        var reply = new TaskCompletionSource<IReadOnlyList<(string, int)>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _mailbox.Writer.WriteAsync(new Query(reply), ct);
        using (ct.Register(() => reply.TrySetCanceled(ct)))
        {
            return await reply.Task;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in _mailbox.Reader.ReadAllAsync(stoppingToken))
        {
            switch (message)
            {
                case Report r:
                    _changesByTower[r.Value.Tower] = _changesByTower.GetValueOrDefault(r.Value.Tower) + r.Value.Changes;
                    break;
                case Query q:
                    q.Reply.TrySetResult(_changesByTower
                        .OrderByDescending(kv => kv.Value)
                        .Select(kv => (kv.Key, kv.Value))
                        .ToList());
                    break;
            }
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _mailbox.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}
