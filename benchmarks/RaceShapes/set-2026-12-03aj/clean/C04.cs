using System.Threading.Channels;

namespace Blind36.YakWool.Spinning;

public sealed record SkeinWeighed(string Spinner, string Dye, int Grams, int Metres);

public sealed record SpinnerTotals(string Spinner, int Skeins, int Grams, int Metres);

/// <summary>
/// Aggregates skein weigh-ins from the co-operative's scales. Scales post into a channel
/// from any thread and the dashboard asks for the running totals per spinner.
/// </summary>
public sealed class SkeinLedger
{
    private abstract record Message;
    private sealed record Weighed(SkeinWeighed Skein) : Message;
    private sealed record Query(TaskCompletionSource<IReadOnlyList<SpinnerTotals>> Reply) : Message;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(
        new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, SpinnerTotals> _totals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public SkeinLedger(CancellationToken ct) => _loop = Task.Run(() => RunAsync(ct));

    public ValueTask RecordAsync(SkeinWeighed skein, CancellationToken ct = default) =>
        _inbox.Writer.WriteAsync(new Weighed(skein), ct);

    public async Task<IReadOnlyList<SpinnerTotals>> SnapshotAsync(CancellationToken ct = default)
    {
        var tcs = new TaskCompletionSource<IReadOnlyList<SpinnerTotals>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new Query(tcs), ct).ConfigureAwait(false);
        return await tcs.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public Task CompleteAsync()
    {
        _inbox.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        await foreach (var msg in _inbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            switch (msg)
            {
                case Weighed w:
                    var s = w.Skein;
                    _totals.TryGetValue(s.Spinner, out var t);
                    _totals[s.Spinner] = t is null
                        ? new SpinnerTotals(s.Spinner, 1, s.Grams, s.Metres)
                        : t with { Skeins = t.Skeins + 1, Grams = t.Grams + s.Grams, Metres = t.Metres + s.Metres };
                    break;

                case Query q:
                    q.Reply.TrySetResult(_totals.Values.OrderByDescending(x => x.Grams).ToList());
                    break;
            }
        }
    }
}
