using System.Threading.Channels;

namespace SnowPlow.Dispatch;

public sealed record PlowUnit(string Id, string Depot);
public sealed record Callout(string Street, int Priority);

/// <summary>
/// Dispatch desk for the winter road service. All assignment state is owned by the dispatch
/// loop; the call-centre API and the map screen talk to it through messages.
/// </summary>
public sealed class DispatchDesk
{
    private abstract record Message;
    private sealed record NewCallout(Callout Callout) : Message;
    private sealed record UnitFree(PlowUnit Unit) : Message;
    private sealed record Query(TaskCompletionSource<IReadOnlyDictionary<string, string>> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });

    public void ReportCallout(Callout callout) => _inbox.Writer.TryWrite(new NewCallout(callout));
    public void ReportUnitFree(PlowUnit unit) => _inbox.Writer.TryWrite(new UnitFree(unit));

    public Task<IReadOnlyDictionary<string, string>> CurrentAssignmentsAsync()
    {
        var tcs = new TaskCompletionSource<IReadOnlyDictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Writer.TryWrite(new Query(tcs));
        return tcs.Task;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var waiting = new PriorityQueue<Callout, int>();
        var freeUnits = new Queue<PlowUnit>();
        var assignments = new Dictionary<string, string>();

        await foreach (var message in _inbox.Reader.ReadAllAsync(ct))
        {
            switch (message)
            {
                case NewCallout n:
                    waiting.Enqueue(n.Callout, -n.Callout.Priority);
                    break;
                case UnitFree u:
                    assignments.Remove(u.Unit.Id);
                    freeUnits.Enqueue(u.Unit);
                    break;
                case Query q:
                    q.Reply.TrySetResult(new Dictionary<string, string>(assignments));
                    continue;
            }

            while (freeUnits.Count > 0 && waiting.Count > 0)
            {
                var unit = freeUnits.Dequeue();
                var callout = waiting.Dequeue();
                assignments[unit.Id] = callout.Street;
            }
        }
    }
}
