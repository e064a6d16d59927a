using System.Threading.Channels;

namespace Blind30.BeekeepersMarket;

public sealed record HoneySale(string Stall, string Variety, int Jars, decimal PricePerJar);

/// <summary>
/// Running totals for the beekeepers' market. Till apps post sales from many
/// connections; an aggregation loop keeps the totals and answers queries that
/// arrive through the same channel.
/// </summary>
public sealed class MarketTotals : IAsyncDisposable
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, decimal> _takingsByStall = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _jarsByVariety = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _loop;

    public MarketTotals()
    {
        _loop = Task.Run(ProcessAsync);
    }

    public ValueTask RecordAsync(HoneySale sale, CancellationToken ct = default) =>
        _inbox.Writer.WriteAsync(sale, ct);

    public async Task<IReadOnlyDictionary<string, decimal>> TakingsAsync(CancellationToken ct = default)
    {
        var query = new TakingsQuery();
        await _inbox.Writer.WriteAsync(query, ct).ConfigureAwait(false);
        return await query.Reply.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public async Task<int> JarsSoldAsync(string variety, CancellationToken ct = default)
    {
        var query = new VarietyQuery(variety);
        await _inbox.Writer.WriteAsync(query, ct).ConfigureAwait(false);
        return await query.Reply.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task ProcessAsync()
    {
        await foreach (var message in _inbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            switch (message)
            {
                case HoneySale sale:
                    _takingsByStall[sale.Stall] = _takingsByStall.GetValueOrDefault(sale.Stall) + sale.Jars * sale.PricePerJar;
                    _jarsByVariety[sale.Variety] = _jarsByVariety.GetValueOrDefault(sale.Variety) + sale.Jars;
                    break;
                case TakingsQuery q:
                    q.Reply.TrySetResult(new Dictionary<string, decimal>(_takingsByStall));
                    break;
                case VarietyQuery q:
                    q.Reply.TrySetResult(_jarsByVariety.GetValueOrDefault(q.Variety));
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _inbox.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class TakingsQuery
    {
        public TaskCompletionSource<IReadOnlyDictionary<string, decimal>> Reply { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class VarietyQuery
    {
        public VarietyQuery(string variety) => Variety = variety;
        public string Variety { get; }
        public TaskCompletionSource<int> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
