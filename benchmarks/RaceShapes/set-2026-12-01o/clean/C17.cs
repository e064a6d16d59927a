using System.Threading.Channels;

namespace WineCellar.Inventory;

public abstract record CellarCommand;

public sealed record BottlesAdded(string Wine, int Vintage, string Rack, int Count) : CellarCommand;

public sealed record BottlesRemoved(string Wine, int Vintage, int Count) : CellarCommand;

public sealed record StockQuery(string Wine, TaskCompletionSource<IReadOnlyDictionary<int, int>> Reply) : CellarCommand;

/// <summary>
/// Cellar stock book. Scanning stations at the racks and the sommelier's tablet post
/// commands; a single processing loop owns the stock figures.
/// </summary>
public sealed class CellarStockBook
{
    private readonly Channel<CellarCommand> _commands = Channel.CreateUnbounded<CellarCommand>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly Dictionary<(string Wine, int Vintage), int> _bottles = new();

    public ValueTask PostAsync(CellarCommand command, CancellationToken ct = default) =>
        _commands.Writer.WriteAsync(command, ct);

    public async Task<IReadOnlyDictionary<int, int>> VintagesOfAsync(string wine, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<IReadOnlyDictionary<int, int>>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _commands.Writer.WriteAsync(new StockQuery(wine, reply), ct);
        return await reply.Task.WaitAsync(ct);
    }

    public void Complete() => _commands.Writer.TryComplete();

    /// <summary>Started once by the host when the cellar app starts.</summary>
    public async Task ProcessAsync(CancellationToken ct)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(ct))
        {
            switch (command)
            {
                case BottlesAdded added:
                    var key = (added.Wine, added.Vintage);
                    _bottles[key] = _bottles.GetValueOrDefault(key) + added.Count;
                    break;

                case BottlesRemoved removed:
                    var removedKey = (removed.Wine, removed.Vintage);
                    var left = Math.Max(0, _bottles.GetValueOrDefault(removedKey) - removed.Count);
                    if (left == 0)
                    {
                        _bottles.Remove(removedKey);
                    }
                    else
                    {
                        _bottles[removedKey] = left;
                    }

                    break;

                case StockQuery query:
                    var vintages = _bottles
                        .Where(kv => kv.Key.Wine == query.Wine)
                        .ToDictionary(kv => kv.Key.Vintage, kv => kv.Value);
                    query.Reply.TrySetResult(vintages);
                    break;
            }
        }
    }
}
